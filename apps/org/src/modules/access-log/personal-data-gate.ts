import { can, requireUser, rolesWith } from '@gongzhi/platform-auth';
import { BadUserInputError, ForbiddenError } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import type { PersonalDataCipher } from '../resident/personal-data';
import { isDataSubject, SELF_PURPOSE, statedPurpose } from '../resident/pii-policy';
import type { SensitiveTag } from '../resident/resident.entity';
import { AccessOutcome, PersonalDataField } from './access-log.entity';
import type { AccessLogService, AccessRecord, DataSubject } from './access-log.service';

/** An identifier as stored: sealed (AES-256-GCM) and masked. */
export interface StoredIdentifier {
  cipher: string;
  masked: string;
}

/**
 * Decides, per field read, whether a full identifier or sensitive tags may be shown, and writes the access
 * log (个人信息访问记录) before anything is shown: no log row, no full value. Every record of one request is
 * collected in `ctx.loaders` and written with one INSERT when the resolvers of that level have all asked.
 */
export class PersonalDataGate {
  constructor(
    private readonly log: AccessLogService,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /**
   * The full value for the person themself, recognised by their person key (logged as SELF) or for a role that may read it and states a
   * purpose (logged); without a purpose, the masked value (not logged); a purpose without the role is refused
   * and logged.
   */
  async identifier(ctx: RequestContext, subject: DataSubject, field: PersonalDataField, stored: StoredIdentifier, purpose: string | null | undefined): Promise<string> {
    const user = requireUser(ctx);
    if (isDataSubject(user, subject.personKey)) {
      await this.record(ctx, { subject, field, purpose: SELF_PURPOSE, outcome: AccessOutcome.GRANTED });
      return this.cipher.decrypt(stored.cipher);
    }
    const why = statedPurpose(purpose);
    if (why === null) return stored.masked;
    if (!can(user, 'personal:read-full')) {
      await this.record(ctx, { subject, field, purpose: why, outcome: AccessOutcome.DENIED });
      throw new ForbiddenError('FULL_IDENTIFIER_NOT_ALLOWED', `Full ID and phone numbers need personal:read-full, which the roles ${rolesWith('personal:read-full').join(', ')} hold`);
    }
    await this.record(ctx, { subject, field, purpose: why, outcome: AccessOutcome.GRANTED });
    return this.cipher.decrypt(stored.cipher);
  }

  /** Sensitive tags for a role that handles them and states a purpose (logged); any other attempt is refused and logged. */
  async sensitiveTags(ctx: RequestContext, subject: DataSubject, tags: SensitiveTag[], purpose: string | null | undefined): Promise<SensitiveTag[]> {
    const user = requireUser(ctx);
    const why = statedPurpose(purpose);
    if (!can(user, 'sensitive:read')) {
      await this.record(ctx, { subject, field: PersonalDataField.SENSITIVE_TAGS, purpose: why, outcome: AccessOutcome.DENIED });
      throw new ForbiddenError('SENSITIVE_TAGS_NOT_ALLOWED', `Sensitive tags need sensitive:read, which the roles ${rolesWith('sensitive:read').join(', ')} hold`);
    }
    if (why === null) throw new BadUserInputError('purpose', 'PURPOSE_REQUIRED', 'state why you need the sensitive tags');
    await this.record(ctx, { subject, field: PersonalDataField.SENSITIVE_TAGS, purpose: why, outcome: AccessOutcome.GRANTED });
    return tags;
  }

  private record(ctx: RequestContext, record: AccessRecord): Promise<true> {
    const actor = { user: requireUser(ctx), requestId: ctx.requestId };
    return ctx.loaders
      .get<AccessRecord, true>(
        'personalDataAccess',
        async (records) => {
          await this.log.append(actor, records);
          return records.map(() => true as const);
        },
        // The same read asked twice in one request (aliases) is one log row.
        (r) => `${r.subject.residentId ?? ''}|${r.subject.ownerId ?? ''}|${r.field}|${r.outcome}|${r.purpose ?? ''}`,
      )
      .load(record);
  }
}

/** The `purpose` argument of the identifier fields (ID and phone numbers). */
export const IDENTIFIER_PURPOSE_ARG = {
  nullable: true,
  description: 'Why you need the full value (2–200 characters); recorded in the access log. Without it you get the masked value.',
} as const;

/** The `purpose` argument of `sensitiveTags`, which have no masked form. */
export const SENSITIVE_PURPOSE_ARG = {
  nullable: true,
  description: 'Why you need the sensitive tags (2–200 characters, required); recorded in the access log.',
} as const;
