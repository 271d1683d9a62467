import { z } from 'zod';
import { defineEvent } from '../envelope';
import { scopePathSchema } from '../scope';

/** A resident's volunteer service (志愿服务) was recorded: who, for which team, what activity, how long. */
export const orgVolunteerServiceRecordedV1 = defineEvent(
  'org.volunteer-service.recorded.v1',
  z.object({
    recordId: z.uuid(),
    residentId: z.uuid(),
    teamId: z.uuid().nullable(),
    /** A code from the district's activity types, e.g. PATROL, CLEANUP, ELDERLY_CARE, MEDIATION. */
    activityType: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    /** Service time in whole minutes. */
    minutes: z.number().int().min(1),
    /** ISO date of the service. */
    serviceDate: z.iso.date(),
    communityCode: z.string().regex(/^\d{12}$/),
    scopePath: scopePathSchema,
  }),
);
export type OrgVolunteerServiceRecordedV1 = z.infer<typeof orgVolunteerServiceRecordedV1.schema>;
