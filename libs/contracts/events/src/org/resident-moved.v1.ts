import { z } from 'zod';
import { defineEvent } from '../envelope';
import { scopePathSchema } from '../scope';

const residencySchema = z.object({
  residentId: z.uuid(),
  dwellingId: z.uuid(),
  compoundId: z.uuid(),
  relation: z.enum(['OWNER', 'FAMILY', 'TENANT']),
  /** ISO date (YYYY-MM-DD) of moving in or out. */
  date: z.iso.date(),
  scopePath: scopePathSchema,
});

/** A resident moved into a dwelling. No personal data: the id is enough for consumers. */
export const orgResidentMovedInV1 = defineEvent('org.resident.moved-in.v1', residencySchema);
/** A resident moved out of a dwelling. */
export const orgResidentMovedOutV1 = defineEvent('org.resident.moved-out.v1', residencySchema);
export type OrgResidentMovedV1 = z.infer<typeof residencySchema>;
