import { z } from 'zod';
import { defineEvent } from '../envelope';
import { scopePathSchema } from '../scope';

/** A residential compound (小区) was registered under a community. */
export const orgCompoundCreatedV1 = defineEvent(
  'org.compound.created.v1',
  z.object({
    compoundId: z.uuid(),
    code: z.string().min(1),
    name: z.string().min(1),
    communityId: z.uuid(),
    communityCode: z.string().regex(/^\d{12}$/),
    scopePath: scopePathSchema,
  }),
);
export type OrgCompoundCreatedV1 = z.infer<typeof orgCompoundCreatedV1.schema>;
