import 'reflect-metadata';
import { MessagingTables1763700000000, MessagingOutboxPendingOrder1763840000000 } from '@gongzhi/platform-messaging';
import { CompoundRef, compoundRefReferenceResolvers, OrgMirror1763700100000, OrgNode, orgMirrorSubscriptions } from '@gongzhi/org-mirror';
import { createLogger, type SubgraphModule } from '@gongzhi/platform-service';
import { DeliberationInit1763780000000 } from '../migrations/1763780000000-init';
import { DeliberationLifecycleAndVotes1763790000000 } from '../migrations/1763790000000-lifecycle-and-votes';
import { DeliberationConventions1763790100000 } from '../migrations/1763790100000-conventions';
import { DeliberationDueVotes1763790200000 } from '../migrations/1763790200000-due-votes';
import { DeliberationBodyElectorates1763790300000 } from '../migrations/1763790300000-body-electorates';
import type { DeliberationConfig } from './config';
import { bodyMemberSubscriptions } from './modules/body-member/body-member.handlers';
import { CompoundMattersResolver } from './modules/compound/compound-matters.resolver';
import { Convention, ConventionVersion } from './modules/convention/convention.entity';
import { ConventionResolver } from './modules/convention/convention.resolver';
import { ConventionService } from './modules/convention/convention.service';
import { electorateSubscriptions } from './modules/electorate/electorate.handlers';
import { EvaluationResolver } from './modules/evaluation/evaluation.resolver';
import { EvaluationService } from './modules/evaluation/evaluation.service';
import { GuideEntry } from './modules/guide/guide-entry.entity';
import { GuideResolver } from './modules/guide/guide.resolver';
import { GuideService } from './modules/guide/guide.service';
import { IntakeCode } from './modules/intake/intake-code.entity';
import { IntakeResolver } from './modules/intake/intake.resolver';
import { IntakeService } from './modules/intake/intake.service';
import { Matter } from './modules/matter/matter.entity';
import { MatterTransition } from './modules/matter/matter-transition.entity';
import { MatterResolver } from './modules/matter/matter.resolver';
import { MatterService } from './modules/matter/matter.service';
import { Meeting } from './modules/meeting/meeting.entity';
import { MeetingResolver } from './modules/meeting/meeting.resolver';
import { MeetingService } from './modules/meeting/meeting.service';
import { Ballot } from './modules/vote/ballot.entity';
import { DueVoteCloser } from './modules/vote/due-vote-closer';
import { fundRequestSubscriptions } from './modules/vote/fund-request.handler';
import { Vote } from './modules/vote/vote.entity';
import { VoteResolver } from './modules/vote/vote.resolver';
import { VoteService } from './modules/vote/vote.service';

/**
 * The deliberation service: matters residents raise, deliberate, decide, carry out and evaluate, and the votes
 * that decide them.
 */
export const deliberationModule: SubgraphModule<DeliberationConfig> = {
  name: 'deliberation',
  entities: [Matter, MatterTransition, GuideEntry, IntakeCode, Vote, Ballot, Meeting, Convention, ConventionVersion, OrgNode],
  migrations: [
    MessagingTables1763700000000,
    OrgMirror1763700100000,
    DeliberationInit1763780000000,
    DeliberationLifecycleAndVotes1763790000000,
    DeliberationConventions1763790100000,
    DeliberationDueVotes1763790200000,
    DeliberationBodyElectorates1763790300000,
    MessagingOutboxPendingOrder1763840000000,
  ],
  resolverClasses: [MatterResolver, CompoundMattersResolver, GuideResolver, IntakeResolver, VoteResolver, EvaluationResolver, MeetingResolver, ConventionResolver],
  orphanedTypes: [CompoundRef],
  produces: true,
  consumers: [
    { name: 'deliberation-from-org', subscriptions: [...orgMirrorSubscriptions(), ...electorateSubscriptions(), ...bodyMemberSubscriptions()] },
    { name: 'deliberation-from-fund', subscriptions: fundRequestSubscriptions() },
  ],
  referenceResolverTypes: compoundRefReferenceResolvers,
  createRuntime(dataSource, config) {
    const matters = new MatterService(dataSource);
    return {
      resolvers: [
        new MatterResolver(matters),
        new CompoundMattersResolver(matters),
        new GuideResolver(new GuideService(dataSource)),
        new IntakeResolver(new IntakeService(dataSource, config)),
        new VoteResolver(new VoteService(dataSource)),
        new EvaluationResolver(new EvaluationService(dataSource)),
        new MeetingResolver(new MeetingService(dataSource)),
        new ConventionResolver(new ConventionService(dataSource)),
      ],
      referenceResolvers: compoundRefReferenceResolvers,
      background: [new DueVoteCloser(dataSource, config.VOTE_CLOSE_SWEEP_SECONDS * 1000, createLogger('deliberation', config.LOG_LEVEL))],
    };
  },
};
