import { z } from 'zod';
import { defineEvent } from '../envelope';
import { scopePathSchema } from '../scope';

/** An administrative area (district 区, street 街道 or community 社区) was created. */
export const orgAreaCreatedV1 = defineEvent(
  'org.area.created.v1',
  z.object({
    areaId: z.uuid(),
    code: z.string().regex(/^\d{6}(\d{3}){0,2}$/),
    name: z.string().min(1),
    level: z.enum(['DISTRICT', 'STREET', 'COMMUNITY']),
    parentId: z.uuid().nullable(),
    scopePath: scopePathSchema,
  }),
);
export type OrgAreaCreatedV1 = z.infer<typeof orgAreaCreatedV1.schema>;
