import { z } from 'zod';
import { defineEvent } from '../envelope';
import { scopePathSchema } from '../scope';

/**
 * The owners of one dwelling after a change, with what an owners' vote needs (Civil Code art. 278 and the
 * Supreme People's Court interpretation on building ownership, art. 8–9):
 * - `exclusiveArea`: the dwelling's exclusive area (hundredths of a m²);
 * - `headcountKey`: dwellings with the same key count as ONE owner in the headcount — one buyer holding
 *   several dwellings shares a key across them, all of a compound's developer-unsold dwellings share
 *   `developer:<compoundId>`, and co-owners of one dwelling form one key (their identity keys, sorted, joined
 *   by `+`).
 * An empty `owners` list means the dwelling has no recorded owner any more.
 */
export const orgOwnershipChangedV1 = defineEvent(
  'org.ownership.changed.v1',
  z.object({
    dwellingId: z.uuid(),
    compoundId: z.uuid(),
    exclusiveArea: z.number().int().min(0),
    developerUnsold: z.boolean(),
    headcountKey: z.string().min(1),
    owners: z.array(
      z.object({
        ownerId: z.uuid(),
        /** Stable pseudonymous identity of the owner (a keyed hash of the ID or credit code), never the number itself. */
        identityKey: z.string().min(1),
        kind: z.enum(['PERSON', 'ORGANIZATION']),
        isDeveloper: z.boolean(),
        /** The owner's share of the dwelling as a fraction. */
        shareNumerator: z.number().int().min(1),
        shareDenominator: z.number().int().min(1),
      }),
    ),
    scopePath: scopePathSchema,
  }),
);
export type OrgOwnershipChangedV1 = z.infer<typeof orgOwnershipChangedV1.schema>;
