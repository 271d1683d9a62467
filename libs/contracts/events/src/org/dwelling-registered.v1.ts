import { z } from 'zod';
import { defineEvent } from '../envelope';
import { scopePathSchema } from '../scope';

/** The full state of a dwelling (房屋/户) as org records it; used by both registered and changed events. */
export const dwellingStateSchema = z.object({
  dwellingId: z.uuid(),
  compoundId: z.uuid(),
  buildingId: z.uuid(),
  unitId: z.uuid(),
  /** Room number within the unit, e.g. "1502". */
  roomNumber: z.string().min(1),
  /** Exclusive (专有部分) area in hundredths of a square metre. */
  exclusiveArea: z.number().int().min(0),
  areaSource: z.enum(['REGISTER', 'SURVEY', 'CONTRACT']),
  /** Still held by the developer: unsold or undelivered (未售出或未交付). */
  developerUnsold: z.boolean(),
  scopePath: scopePathSchema,
});
export type DwellingState = z.infer<typeof dwellingStateSchema>;

/** A dwelling was registered in a compound. */
export const orgDwellingRegisteredV1 = defineEvent('org.dwelling.registered.v1', dwellingStateSchema);
export type OrgDwellingRegisteredV1 = DwellingState;
