import type { DataSource, EntityManager } from 'typeorm';
import { deliberationVoteClosedV1, deliberationVoteOpenedV1, type VoteSubject } from '@gongzhi/contracts-events';
import { can, requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { findOrgNode } from '@gongzhi/org-mirror';
import { pagePerKey } from '@gongzhi/platform-service';
import { settleConventionVote } from '../convention/convention-adoption';
import { Matter } from '../matter/matter.entity';
import { actorOf, type Actor } from '../matter/matter.service';
import { Ballot, BallotChannel } from './ballot.entity';
import { decideOwnersMatter, type OwnersDecisionTotals } from './owners-decision-rule';
import { BallotMode, type BodyKind, Vote, VoteKind, VoteStatus, VoteSubjectType, type VoteResult } from './vote.entity';
import type { CastBallotInput, OpenVoteInput, VotesArgs } from './vote.inputs';

/** How long a result stays on public notice (公示) after the vote closes. */
export const NOTICE_DAYS = 7;

export interface NewVote {
  compound: { id: string; scopePath: string };
  kind: VoteKind;
  decisionClass: Vote['decisionClass'];
  subject: VoteSubject;
  title: string;
  description?: string | null;
  matterId?: string | null;
  fundRequestId?: string | null;
  ballotMode: BallotMode;
  options: string[];
  secrecy: Vote['secrecy'];
  closesAt: Date;
  /** A self-governance body whose current members vote instead of the compound's dwellings. */
  body?: { id: string; kind: BodyKind } | null;
}

/**
 * Opens a vote inside the caller's transaction and freezes its electorate: every dwelling of the compound the
 * read model knows an owner for (or that the developer still holds), with its area and headcount key as of now;
 * or, for a body's vote, every resident serving in the body now (one elector however many posts they hold).
 * Dwellings and members that join later are not part of this vote.
 */
export async function openVoteIn(manager: EntityManager, actor: Actor, spec: NewVote): Promise<Vote> {
  const id = uuidv7();
  await manager.insert(Vote, {
    id,
    compoundId: spec.compound.id,
    scopePath: spec.compound.scopePath,
    kind: spec.kind,
    decisionClass: spec.decisionClass,
    subject: spec.subject,
    title: spec.title.trim(),
    description: spec.description?.trim() || null,
    matterId: spec.matterId ?? null,
    fundRequestId: spec.fundRequestId ?? null,
    ballotMode: spec.ballotMode,
    options: spec.options,
    secrecy: spec.secrecy,
    status: VoteStatus.OPEN,
    openedBy: actor.sub,
    openedAt: new Date(),
    closesAt: spec.closesAt,
    bodyId: spec.body?.id ?? null,
    bodyKind: spec.body?.kind ?? null,
  });
  if (spec.body) {
    await manager.query(
      `INSERT INTO vote_member (vote_id, resident_id, posts)
       SELECT $1, resident_id, array_agg(post ORDER BY post) FROM body_member WHERE body_id = $2 AND serving GROUP BY resident_id`,
      [id, spec.body.id],
    );
  } else {
    await manager.query(
      `INSERT INTO vote_elector (vote_id, dwelling_id, room_number, exclusive_area, headcount_key, owner_keys)
       SELECT $1, d.dwelling_id, d.room_number, d.exclusive_area, coalesce(d.headcount_key, 'developer:' || d.compound_id), d.owner_keys
         FROM electorate_dwelling d
        WHERE d.compound_id = $2 AND (d.headcount_key IS NOT NULL OR d.developer_unsold)`,
      [id, spec.compound.id],
    );
  }
  const vote = await manager.findOneOrFail(Vote, { where: { id } });
  await enqueueEvent(manager, {
    contract: deliberationVoteOpenedV1,
    subject: id,
    scope: vote.scopePath,
    data: {
      voteId: id,
      compoundId: vote.compoundId,
      kind: vote.kind,
      decisionClass: vote.decisionClass,
      subject: vote.subject,
      title: vote.title,
      closesAt: vote.closesAt.toISOString(),
      ...(vote.bodyId ? { bodyId: vote.bodyId } : {}),
    },
  });
  return vote;
}

interface TallyRow {
  electorate_area: string;
  electorate_headcount: number;
  participating_area: string;
  participating_headcount: number;
  approving_area: string;
  approving_headcount: number;
  yes: number;
  no: number;
  abstain: number;
  /** Electors who have not voted. */
  missing: number;
}

/**
 * The whole tally in one statement over the frozen electorate and its ballots ($1: the vote): first per
 * headcount key (an owner of several dwellings counts once by headcount, art. 278), then over the keys. Grouping
 * once by hash is about twice as fast as three `count(DISTINCT headcount_key)` sorts over every dwelling.
 */
export const TALLY_SQL = `SELECT coalesce(sum(k.area), 0) AS electorate_area,
            count(*)::int AS electorate_headcount,
            coalesce(sum(k.participating_area), 0) AS participating_area,
            count(*) FILTER (WHERE k.participated)::int AS participating_headcount,
            coalesce(sum(k.approving_area), 0) AS approving_area,
            count(*) FILTER (WHERE k.approved)::int AS approving_headcount,
            coalesce(sum(k.yes), 0)::int AS yes,
            coalesce(sum(k.no), 0)::int AS no,
            coalesce(sum(k.abstain), 0)::int AS abstain,
            coalesce(sum(k.missing), 0)::int AS missing
       FROM (SELECT sum(e.exclusive_area) AS area,
                    sum(e.exclusive_area) FILTER (WHERE b.id IS NOT NULL) AS participating_area,
                    sum(e.exclusive_area) FILTER (WHERE b.choice = 'YES') AS approving_area,
                    bool_or(b.id IS NOT NULL) AS participated,
                    bool_or(b.choice = 'YES') AS approved,
                    count(*) FILTER (WHERE b.choice = 'YES') AS yes,
                    count(*) FILTER (WHERE b.choice = 'NO') AS no,
                    count(*) FILTER (WHERE b.choice = 'ABSTAIN') AS abstain,
                    count(*) FILTER (WHERE b.id IS NULL) AS missing
               FROM vote_elector e LEFT JOIN ballot b ON b.vote_id = e.vote_id AND b.dwelling_id = e.dwelling_id
              WHERE e.vote_id = $1
              GROUP BY e.headcount_key) AS k`;

/** The tally of a body's vote: one elector per member, no areas ($1: the vote). */
const MEMBER_TALLY_SQL = `SELECT 0 AS electorate_area, count(*)::int AS electorate_headcount,
            0 AS participating_area, count(b.id)::int AS participating_headcount,
            0 AS approving_area, count(*) FILTER (WHERE b.choice = 'YES')::int AS approving_headcount,
            count(*) FILTER (WHERE b.choice = 'YES')::int AS yes,
            count(*) FILTER (WHERE b.choice = 'NO')::int AS no,
            count(*) FILTER (WHERE b.choice = 'ABSTAIN')::int AS abstain,
            count(*) FILTER (WHERE b.id IS NULL)::int AS missing
       FROM vote_member m LEFT JOIN ballot b ON b.vote_id = m.vote_id AND b.member_resident_id = m.resident_id
      WHERE m.vote_id = $1`;

/** The result of a vote the caller holds locked, and how many electors have not voted (one aggregate statement). */
async function tally(manager: EntityManager, vote: Vote): Promise<{ result: VoteResult; missing: number }> {
  const [row] = (await manager.query(vote.bodyId ? MEMBER_TALLY_SQL : TALLY_SQL, [vote.id])) as TallyRow[];
  const totals: OwnersDecisionTotals = {
    electorateArea: Number(row!.electorate_area),
    electorateHeadcount: row!.electorate_headcount,
    participatingArea: Number(row!.participating_area),
    participatingHeadcount: row!.participating_headcount,
    approvingArea: Number(row!.approving_area),
    approvingHeadcount: row!.approving_headcount,
  };
  const optionCounts = vote.options.length
    ? ((await manager.query(
        `SELECT i - 1 AS position, count(b.id)::int AS n
           FROM generate_series(1, $2::int) AS i LEFT JOIN ballot b ON b.vote_id = $1 AND (i - 1) = ANY (b.option_indexes)
          GROUP BY i ORDER BY i`,
        [vote.id, vote.options.length],
      )) as { n: number }[]).map((r) => r.n)
    : [];
  const choices = vote.ballotMode === BallotMode.YES_NO_ABSTAIN ? { yes: row!.yes, no: row!.no, abstain: row!.abstain } : null;
  const missing = row!.missing;
  if (vote.kind === VoteKind.OWNERS_JOINT_DECISION) {
    const outcome = decideOwnersMatter(vote.decisionClass, totals);
    const result: VoteResult = {
      passed: outcome.passed,
      participationMet: outcome.participationMet,
      approvalMet: outcome.approvalMet,
      totals,
      participation: outcome.participation as VoteResult['participation'],
      approval: outcome.approval as VoteResult['approval'],
      choices,
      optionCounts,
    };
    return { result, missing };
  }
  // Other kinds bind by a simple majority of the ballots cast; a poll never binds.
  const cast = choices ? choices.yes + choices.no + choices.abstain : 0;
  const approvalMet = vote.kind !== VoteKind.POLL && choices !== null && choices.yes * 2 > cast;
  return { result: { passed: approvalMet, participationMet: true, approvalMet, totals, participation: [], approval: [], choices, optionCounts }, missing };
}

/**
 * Tallies a vote the caller holds locked (FOR UPDATE), stores the result, puts it on public notice (公示),
 * settles a convention version it decides and publishes `deliberation.vote.closed.v1`, all in the caller's
 * transaction.
 */
export async function closeLockedVote(manager: EntityManager, vote: Vote): Promise<Vote> {
  return recordClosedVote(manager, vote, (await tally(manager, vote)).result);
}

/** Stores the result of a locked vote, puts it on notice and publishes it; returns the vote as now stored. */
async function recordClosedVote(manager: EntityManager, vote: Vote, result: VoteResult): Promise<Vote> {
  const id = vote.id;
  const closedAt = new Date();
  const noticeUntil = new Date(closedAt.getTime() + NOTICE_DAYS * 86_400_000);
  await manager.update(Vote, { id }, { status: VoteStatus.CLOSED, closedAt, noticeUntil, result });
  await settleConventionVote(manager, id, result.passed, closedAt);
  await enqueueEvent(manager, {
    contract: deliberationVoteClosedV1,
    subject: id,
    scope: vote.scopePath,
    data: {
      voteId: id,
      compoundId: vote.compoundId,
      kind: vote.kind,
      decisionClass: vote.decisionClass,
      subject: vote.subject,
      passed: result.passed,
      participationMet: result.participationMet,
      totals: result.totals,
      closedAt: closedAt.toISOString(),
      ...(vote.bodyId ? { bodyId: vote.bodyId } : {}),
    },
  });
  return Object.assign(vote, { status: VoteStatus.CLOSED, closedAt, noticeUntil, result });
}

/** Why a ballot is refused: the first of CAST_BALLOT_SQL's checks that fails. */
type BallotRefusal =
  | 'OUT_OF_SCOPE'
  | 'VOTE_NOT_OPEN'
  | 'CHOICE_REQUIRED'
  | 'INVALID_OPTIONS'
  | 'MEMBER_REQUIRED'
  | 'NOT_IN_FROZEN_ELECTORATE'
  | 'MEMBER_BALLOTS_ENTERED_BY_STAFF'
  | 'DWELLING_REQUIRED'
  | 'NOT_AN_OWNER'
  | 'ROLE_REQUIRED'
  | 'WITNESS_REQUIRED'
  | 'PROXY_HOLDER_REQUIRED';

/**
 * Casts one ballot in one statement: share-locks the vote, decides whether the ballot may be cast (the first
 * refusal that applies, in this order) and inserts it only when none does. Parameters: $1 vote, $2 new ballot
 * id, $3 dwelling, $4 member, $5 choice, $6 option positions (sorted, distinct), $7 channel, $8 caller (`sub`),
 * $9 witness, $10 proxy holder, $11 the caller's scopes as LIKE prefixes, $12 the ballot has the shape of a
 * yes/no/abstain ballot, $13 of a poll's, $14 its highest position, $15 how many positions, $16 online, $17 the
 * caller may cast online ballots, $18 the refusal of a paper or proxy entry by this caller (null when allowed).
 * No row: no such vote. `ballot_id` null without a refusal: the dwelling (or member) has voted already.
 */
const CAST_BALLOT_SQL = `
  WITH v AS (
    SELECT id, scope_path, status, opened_at, closes_at, ballot_mode, cardinality(options) AS option_count, body_id
      FROM vote WHERE id = $1 FOR SHARE
  ), decided AS (
    SELECT v.*, CASE
        WHEN NOT (v.scope_path LIKE ANY ($11::text[])) THEN 'OUT_OF_SCOPE'
        WHEN v.status <> 'OPEN' OR v.closes_at <= now() THEN 'VOTE_NOT_OPEN'
        WHEN v.ballot_mode = 'YES_NO_ABSTAIN' AND NOT $12::boolean THEN 'CHOICE_REQUIRED'
        WHEN v.ballot_mode <> 'YES_NO_ABSTAIN'
             AND NOT ($13::boolean AND $14::int < v.option_count AND (v.ballot_mode = 'MULTIPLE_CHOICE' OR $15::int = 1)) THEN 'INVALID_OPTIONS'
        WHEN v.body_id IS NOT NULL AND ($4::uuid IS NULL OR $3::uuid IS NOT NULL) THEN 'MEMBER_REQUIRED'
        WHEN v.body_id IS NOT NULL AND m.vote_id IS NULL THEN 'NOT_IN_FROZEN_ELECTORATE'
        WHEN v.body_id IS NOT NULL AND $16::boolean THEN 'MEMBER_BALLOTS_ENTERED_BY_STAFF'
        WHEN v.body_id IS NULL AND ($3::uuid IS NULL OR $4::uuid IS NOT NULL) THEN 'DWELLING_REQUIRED'
        WHEN v.body_id IS NULL AND e.vote_id IS NULL THEN 'NOT_IN_FROZEN_ELECTORATE'
        WHEN $16::boolean AND NOT ($17::boolean AND $8::text = ANY (e.owner_keys)) THEN 'NOT_AN_OWNER'
        ELSE $18::text
      END AS refusal
      FROM v
      LEFT JOIN vote_elector e ON v.body_id IS NULL AND e.vote_id = v.id AND e.dwelling_id = $3::uuid
      LEFT JOIN vote_member m ON v.body_id IS NOT NULL AND m.vote_id = v.id AND m.resident_id = $4::uuid
  ), inserted AS (
    INSERT INTO ballot (id, vote_id, dwelling_id, member_resident_id, choice, option_indexes, channel, cast_by, witness, proxy_holder)
    SELECT $2::uuid, id, $3::uuid, $4::uuid, $5::text, $6::int[], $7::text, $8::text, $9::text, $10::text FROM decided WHERE refusal IS NULL
    ON CONFLICT DO NOTHING
    RETURNING id, choice, option_indexes, cast_at
  )
  SELECT d.refusal, d.body_id, d.opened_at, d.closes_at, d.ballot_mode, d.option_count,
         i.id AS ballot_id, i.choice, i.option_indexes, i.cast_at
    FROM decided d LEFT JOIN inserted i ON true`;

interface CastRow {
  refusal: BallotRefusal | null;
  body_id: string | null;
  opened_at: Date;
  closes_at: Date;
  ballot_mode: BallotMode;
  option_count: number;
  ballot_id: string | null;
  choice: Ballot['choice'];
  option_indexes: number[] | null;
  cast_at: Date | null;
}

/** The error a refused ballot answers with, naming the field at fault. */
function ballotRefusal(refusal: BallotRefusal, vote: CastRow): BadUserInputError | ForbiddenError {
  switch (refusal) {
    case 'OUT_OF_SCOPE':
      return new ForbiddenError('OUT_OF_SCOPE', 'Your scopes do not cover this vote');
    case 'VOTE_NOT_OPEN':
      return new BadUserInputError('input.voteId', 'VOTE_NOT_OPEN', `voting ended at ${vote.closes_at.toISOString()}`);
    case 'CHOICE_REQUIRED':
      return new BadUserInputError('input.choice', 'CHOICE_REQUIRED', 'this vote is answered yes, no or abstain');
    case 'INVALID_OPTIONS':
      return new BadUserInputError(
        'input.optionIndexes',
        'INVALID_OPTIONS',
        `choose ${vote.ballot_mode === BallotMode.SINGLE_CHOICE ? 'exactly one' : 'one or more'} of the positions 0 to ${vote.option_count - 1}`,
      );
    case 'MEMBER_REQUIRED':
      return new BadUserInputError('input.memberResidentId', 'MEMBER_REQUIRED', 'this vote is cast by the members of a body: name the member, not a dwelling');
    case 'NOT_IN_FROZEN_ELECTORATE':
      return vote.body_id
        ? new BadUserInputError(
            'input.memberResidentId',
            'NOT_IN_FROZEN_ELECTORATE',
            `the resident is not among the body’s members frozen when the vote opened at ${vote.opened_at.toISOString()}; members appointed later cannot vote in it`,
          )
        : new BadUserInputError(
            'input.dwellingId',
            'NOT_IN_FROZEN_ELECTORATE',
            `the dwelling is not in this vote’s electorate, which was frozen when the vote opened at ${vote.opened_at.toISOString()}; dwellings registered or acquired later cannot vote in it`,
          );
    case 'MEMBER_BALLOTS_ENTERED_BY_STAFF':
      return new BadUserInputError('input.channel', 'MEMBER_BALLOTS_ENTERED_BY_STAFF', 'a body member’s ballot is entered by staff, on paper with a witness or by proxy');
    case 'DWELLING_REQUIRED':
      return new BadUserInputError('input.dwellingId', 'DWELLING_REQUIRED', 'this vote is cast by the compound’s dwellings: name the dwelling, not a member');
    case 'NOT_AN_OWNER':
      return new ForbiddenError('NOT_AN_OWNER', 'an online ballot is cast by an owner of the dwelling; staff enter paper and proxy ballots');
    case 'ROLE_REQUIRED':
      return new ForbiddenError('ROLE_REQUIRED', 'paper and proxy ballots are entered by community staff or the owners’ committee');
    case 'WITNESS_REQUIRED':
      return new BadUserInputError('input.witness', 'WITNESS_REQUIRED', 'a paper ballot is entered with the name of its witness');
    case 'PROXY_HOLDER_REQUIRED':
      return new BadUserInputError('input.proxyHolder', 'PROXY_HOLDER_REQUIRED', 'a proxy ballot names who holds the proxy');
  }
}

export class VoteService {
  constructor(private readonly dataSource: DataSource) {}

  async open(user: AuthUser, input: OpenVoteInput): Promise<Vote> {
    const compoundId = parseId(input.compoundId, 'input.compoundId');
    if (input.subjectType === VoteSubjectType.FUND_EXPENDITURE) {
      throw new BadUserInputError('input.subjectType', 'OPENED_BY_FUND', 'fund expenditure votes are opened by the fund’s request');
    }
    let subject: VoteSubject = { type: 'GENERAL' };
    if (input.subjectType !== VoteSubjectType.GENERAL) {
      if (!input.propertyCompanyId) throw new BadUserInputError('input.propertyCompanyId', 'COMPANY_REQUIRED', `a ${input.subjectType} vote names the company`);
      subject = { type: input.subjectType, companyId: parseId(input.propertyCompanyId, 'input.propertyCompanyId') };
    }
    if (input.kind === VoteKind.OWNERS_JOINT_DECISION && input.ballotMode !== BallotMode.YES_NO_ABSTAIN) {
      throw new BadUserInputError('input.ballotMode', 'OWNERS_DECIDE_YES_OR_NO', 'an owners’ joint decision is voted yes, no or abstain');
    }
    const options = input.ballotMode === BallotMode.YES_NO_ABSTAIN ? [] : input.options.map((o) => o.trim());
    if (input.ballotMode === BallotMode.YES_NO_ABSTAIN && input.options.length > 0) {
      throw new BadUserInputError('input.options', 'NO_OPTIONS_FOR_YES_NO', 'a yes/no/abstain vote lists no options');
    }
    if (input.ballotMode !== BallotMode.YES_NO_ABSTAIN && (options.length < 2 || new Set(options).size !== options.length || options.some((o) => !o))) {
      throw new BadUserInputError('input.options', 'OPTIONS_REQUIRED', 'a choice poll lists 2 to 50 distinct, non-blank options');
    }
    if (!(input.closesAt instanceof Date) || Number.isNaN(input.closesAt.getTime()) || input.closesAt.getTime() <= Date.now()) {
      throw new BadUserInputError('input.closesAt', 'CLOSES_IN_THE_PAST', 'must be in the future');
    }
    const matterId = input.matterId ? parseId(input.matterId, 'input.matterId') : null;
    const bodyId = input.bodyId ? parseId(input.bodyId, 'input.bodyId') : null;
    if (bodyId && input.kind !== VoteKind.REPRESENTATIVE_ASSEMBLY && input.kind !== VoteKind.COMMITTEE_VOTE) {
      throw new BadUserInputError('input.bodyId', 'BODY_VOTES_ARE_ASSEMBLIES_OR_COMMITTEES', 'only a representative-assembly or committee vote is cast by a body’s members');
    }
    return this.dataSource.transaction(async (manager) => {
      const compound = await findOrgNode(manager, compoundId, 'COMPOUND');
      if (!compound) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
      requireScope(user, compound.scopePath, 'this compound');
      if (matterId) {
        const matter = await manager.findOne(Matter, { where: { id: matterId } });
        if (!matter || matter.compoundId !== compoundId) throw new BadUserInputError('input.matterId', 'UNKNOWN_MATTER', 'must be a matter of the same compound');
      }
      const body = bodyId ? await this.bodyOf(manager, bodyId, compound.scopePath) : null;
      const vote = await openVoteIn(manager, actorOf(user), {
        compound,
        kind: input.kind,
        decisionClass: input.decisionClass,
        subject,
        title: input.title,
        description: input.description,
        matterId,
        ballotMode: input.ballotMode,
        options,
        secrecy: input.secrecy,
        closesAt: input.closesAt,
        body,
      });
      if (input.kind === VoteKind.OWNERS_JOINT_DECISION) {
        const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM vote_elector WHERE vote_id = $1`, [vote.id])) as { n: number }[];
        if (n === 0) throw new BadUserInputError('input.compoundId', 'NO_ELECTORATE', 'no owners are known for this compound yet, so there is no electorate to freeze');
      }
      return vote;
    });
  }

  /**
   * The body a vote names, with members serving now; it must sit at the vote's compound or above it (an
   * association of the community), never beside it.
   */
  private async bodyOf(manager: EntityManager, bodyId: string, compoundScope: string): Promise<{ id: string; kind: BodyKind }> {
    const [body] = (await manager.query(
      `SELECT body_kind AS kind, bool_and(starts_with($2, scope_path)) AS above_compound
         FROM body_member WHERE body_id = $1 AND serving GROUP BY body_kind`,
      [bodyId, compoundScope],
    )) as { kind: BodyKind; above_compound: boolean }[];
    if (!body) throw new BadUserInputError('input.bodyId', 'NO_BODY_MEMBERS', 'no members serving in this body are known yet (org’s appointments feed them), so there is no electorate to freeze');
    if (!body.above_compound) throw new BadUserInputError('input.bodyId', 'BODY_OUTSIDE_COMPOUND', 'the body belongs to another compound or community than the vote');
    return { id: bodyId, kind: body.kind };
  }

  /**
   * One ballot per dwelling (or per member of a body), in one statement (one round trip, its own transaction):
   * it share-locks the vote row, so closing waits for ballots in flight and a ballot that waited for a close
   * sees the vote closed; decides in SQL, in the order of CAST_BALLOT_SQL, whether the ballot may be cast (the
   * caller's scope, the vote open, the ballot's content, the frozen electorate, the channel); and inserts it only
   * then. The UNIQUE (vote_id, dwelling_id) and (vote_id, member_resident_id) constraints decide between
   * concurrent attempts, and the foreign keys to the frozen electorate back the check up. A refused ballot
   * leaves nothing behind.
   */
  async cast(user: AuthUser, input: CastBallotInput): Promise<Ballot> {
    const voteId = parseId(input.voteId, 'input.voteId');
    const dwellingId = input.dwellingId ? parseId(input.dwellingId, 'input.dwellingId') : null;
    const memberResidentId = input.memberResidentId ? parseId(input.memberResidentId, 'input.memberResidentId') : null;
    const online = input.channel === BallotChannel.ONLINE;
    const indexes = input.optionIndexes == null ? null : [...new Set(input.optionIndexes)].sort((a, b) => a - b);
    const witness = input.witness?.trim() || null;
    const proxyHolder = input.proxyHolder?.trim() || null;
    const [row] = (await this.dataSource.query(CAST_BALLOT_SQL, [
      voteId,
      uuidv7(),
      dwellingId,
      memberResidentId,
      input.choice ?? null,
      indexes,
      input.channel,
      user.sub,
      witness,
      proxyHolder,
      withinScopes(user, 'scope_path', 'scopes').params.scopes,
      // The shape of a yes/no/abstain ballot, and of a poll's (its positions are checked against the vote's options in SQL).
      Boolean(input.choice) && input.optionIndexes == null,
      !input.choice && indexes !== null && indexes.length > 0 && indexes.every((i) => Number.isInteger(i) && i >= 0),
      indexes?.length ? indexes[indexes.length - 1] : null,
      indexes?.length ?? 0,
      online,
      online && can(user, 'vote:cast-online'),
      online ? null : this.entryRefusal(user, input.channel, witness, proxyHolder),
    ])) as CastRow[];
    if (!row) throw new NotFoundError('UNKNOWN_VOTE', `no vote has the id ${voteId}`, 'input.voteId');
    if (row.refusal) throw ballotRefusal(row.refusal, row);
    if (!row.ballot_id) {
      throw row.body_id
        ? new ConflictError('ALREADY_VOTED', 'this member has already cast their ballot in this vote', 'input.memberResidentId')
        : new ConflictError('ALREADY_VOTED', 'this dwelling has already cast its ballot in this vote (co-owners share one)', 'input.dwellingId');
    }
    return Object.assign(new Ballot(), {
      id: row.ballot_id,
      voteId,
      dwellingId,
      memberResidentId,
      choice: row.choice,
      optionIndexes: row.option_indexes,
      channel: input.channel,
      castBy: user.sub,
      witness,
      proxyHolder,
      castAt: row.cast_at!,
    });
  }

  /**
   * Paper and proxy ballots are entered by staff (a witness named for paper, the holder for a proxy); which of
   * those refusals applies depends on the caller and the input alone. Online ballots are checked against the
   * dwelling's owners in CAST_BALLOT_SQL.
   */
  private entryRefusal(user: AuthUser, channel: BallotChannel, witness: string | null, proxyHolder: string | null): BallotRefusal | null {
    if (!can(user, 'vote:administer')) return 'ROLE_REQUIRED';
    if (channel === BallotChannel.PAPER && !witness) return 'WITNESS_REQUIRED';
    if (channel === BallotChannel.PROXY && !proxyHolder) return 'PROXY_HOLDER_REQUIRED';
    return null;
  }

  /** Closes, tallies and publishes the result for its notice period; early only once every elector has voted. */
  async close(user: AuthUser | null, voteId: string, field = 'voteId'): Promise<Vote> {
    const id = parseId(voteId, field);
    return this.dataSource.transaction(async (manager) => {
      const vote = await manager.findOne(Vote, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!vote) throw new NotFoundError('UNKNOWN_VOTE', `no vote has the id ${id}`, field);
      if (user) requireScope(user, vote.scopePath, 'this vote');
      if (vote.status !== VoteStatus.OPEN) throw new BadUserInputError(field, 'VOTE_ALREADY_CLOSED', `the vote closed at ${vote.closedAt?.toISOString()}`);
      // The tally counts who has not voted too: before its end time a vote closes only once everyone has.
      const { result, missing } = await tally(manager, vote);
      if (missing > 0 && vote.closesAt.getTime() > Date.now()) {
        const electors = vote.bodyId ? 'members' : 'dwellings';
        throw new BadUserInputError(field, 'VOTE_STILL_RUNNING', `voting runs until ${vote.closesAt.toISOString()} and ${missing} ${electors} have not voted`);
      }
      return recordClosedVote(manager, vote, result);
    });
  }

  async get(user: AuthUser, id: string): Promise<Vote | null> {
    const scope = withinScopes(user, 'v.scope_path');
    return this.dataSource
      .getRepository(Vote)
      .createQueryBuilder('v')
      .where('v.id = :id', { id: parseId(id, 'id') })
      .andWhere(scope.sql, scope.params)
      .getOne();
  }

  async list(user: AuthUser, args: VotesArgs): Promise<ConnectionShape<Vote>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'v.scope_path');
    const query = this.dataSource.getRepository(Vote).createQueryBuilder('v').where(scope.sql, scope.params).orderBy('v.id', 'ASC').limit(args.first + 1);
    if (args.compoundId) query.andWhere('v.compound_id = :compoundId', { compoundId: parseId(args.compoundId, 'compoundId') });
    if (args.status) query.andWhere('v.status = :status', { status: args.status });
    if (after) query.andWhere('v.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** Electorate size (dwellings or members) and ballots cast for many votes in one statement. */
  async counts(user: AuthUser, voteIds: readonly string[]): Promise<Map<string, { electors: number; ballots: number }>> {
    const scope = withinScopes(user, 'v.scope_path', 'callerScopes');
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('v.id', 'id')
      .addSelect('((SELECT count(*) FROM vote_elector e WHERE e.vote_id = v.id) + (SELECT count(*) FROM vote_member m WHERE m.vote_id = v.id))::int', 'electors')
      .addSelect('(SELECT count(*) FROM ballot b WHERE b.vote_id = v.id)::int', 'ballots')
      .from('vote', 'v')
      .where('v.id = ANY(:ids)', { ids: [...voteIds] })
      .andWhere(scope.sql, scope.params)
      .getRawMany<{ id: string; electors: number; ballots: number }>();
    return new Map(rows.map((r) => [r.id, { electors: r.electors, ballots: r.ballots }]));
  }

  /** The roll-call (who voted how) of many roll-call votes in one query; secret votes have none. */
  rollCalls(user: AuthUser, voteIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<Ballot>>> {
    const scope = withinScopes(user, 'v.scope_path');
    return pagePerKey(this.dataSource.getRepository(Ballot), {
      table: 'ballot',
      keyColumn: 'vote_id',
      keyOf: (ballot) => ballot.voteId,
      keys: voteIds,
      conditions: [`EXISTS (SELECT 1 FROM vote v WHERE v.id = x.vote_id AND v.secrecy = 'ROLL_CALL' AND ${scope.sql})`],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }
}

