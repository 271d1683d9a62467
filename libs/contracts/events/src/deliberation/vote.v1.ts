import { z } from 'zod';
import { defineEvent } from '../envelope';
import { decisionClassSchema, voteSubjectSchema } from '../vote-subject';

const voteKind = z.enum(['OWNERS_JOINT_DECISION', 'REPRESENTATIVE_ASSEMBLY', 'COMMITTEE_VOTE', 'POLL']);

/** A vote opened; for an owners' joint decision its electorate is frozen at this moment. */
export const deliberationVoteOpenedV1 = defineEvent(
  'deliberation.vote.opened.v1',
  z.object({
    voteId: z.uuid(),
    compoundId: z.uuid(),
    kind: voteKind,
    decisionClass: decisionClassSchema,
    subject: voteSubjectSchema,
    title: z.string().min(1),
    closesAt: z.iso.datetime(),
    /** The self-governance body whose members vote (representative assembly, committee); absent when dwellings vote. */
    bodyId: z.uuid().optional(),
  }),
);

/**
 * A vote closed and was tallied. `passed` is the binding outcome (for an owners' joint decision: participation
 * AND approval thresholds of Civil Code art. 278 both met); areas are hundredths of a m².
 */
export const deliberationVoteClosedV1 = defineEvent(
  'deliberation.vote.closed.v1',
  z.object({
    voteId: z.uuid(),
    compoundId: z.uuid(),
    kind: voteKind,
    decisionClass: decisionClassSchema,
    subject: voteSubjectSchema,
    passed: z.boolean(),
    participationMet: z.boolean(),
    totals: z.object({
      electorateArea: z.number().int().min(0),
      electorateHeadcount: z.number().int().min(0),
      participatingArea: z.number().int().min(0),
      participatingHeadcount: z.number().int().min(0),
      approvingArea: z.number().int().min(0),
      approvingHeadcount: z.number().int().min(0),
    }),
    closedAt: z.iso.datetime(),
    /** The self-governance body whose members voted; absent when dwellings voted. */
    bodyId: z.uuid().optional(),
  }),
);
export type DeliberationVoteOpenedV1 = z.infer<typeof deliberationVoteOpenedV1.schema>;
export type DeliberationVoteClosedV1 = z.infer<typeof deliberationVoteClosedV1.schema>;
