import { z } from 'zod';
import { defineEvent } from '../envelope';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A company stopped serving a compound; the exit handover (退出交接) starts. */
export const propertyAssignmentEndedV1 = defineEvent(
  'property.assignment.ended.v1',
  z.object({
    assignmentId: z.uuid(),
    companyId: z.uuid(),
    compoundId: z.uuid(),
    endedOn: date,
    reason: z.string().min(1),
  }),
);
export type PropertyAssignmentEndedV1 = z.infer<typeof propertyAssignmentEndedV1.schema>;
