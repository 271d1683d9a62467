import { z } from 'zod';
import { defineEvent } from '../envelope';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A property-service company started serving a compound (入驻). Terms are null when an owners' vote hired the
 * company and the contract has not been entered yet.
 */
export const propertyAssignmentStartedV1 = defineEvent(
  'property.assignment.started.v1',
  z.object({
    assignmentId: z.uuid(),
    companyId: z.uuid(),
    compoundId: z.uuid(),
    contractStart: date,
    contractEnd: date.nullable(),
    feeModel: z.enum(['LUMP_SUM', 'REMUNERATION', 'TRUST_BASED']).nullable(),
    /** Fen per m² of exclusive area per month. */
    feeStandardFen: z.number().int().min(0).nullable(),
    /** The owners' vote that hired the company, when one did. */
    voteId: z.uuid().nullable(),
  }),
);
export type PropertyAssignmentStartedV1 = z.infer<typeof propertyAssignmentStartedV1.schema>;
