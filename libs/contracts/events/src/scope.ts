import { z } from 'zod';

/** A scope path: codes from the district down, slash-separated and slash-terminated: `/510112/510112001/`. */
export const scopePathSchema = z.string().regex(/^\/(?:[0-9A-Za-z-]+\/)*$/, 'must be a slash-terminated scope path');
