import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CompoundRef } from '@gongzhi/org-mirror';

export enum EvidenceKind {
  SATISFACTION_SURVEY = 'SATISFACTION_SURVEY',
  INSPECTION = 'INSPECTION',
  VIOLATION = 'VIOLATION',
  COMMENDATION = 'COMMENDATION',
  MATTER_EVALUATED = 'MATTER_EVALUATED',
  MATTER_CLOSED = 'MATTER_CLOSED',
}
registerEnumType(EvidenceKind, {
  name: 'EvidenceKind',
  description:
    'Resident satisfaction survey (满意度测评), inspection (检查考核), violation (违规), commendation (表彰), a property matter residents evaluated (民评), or a closed property complaint.',
});

export enum ViolationType {
  ILLEGAL_CHARGES = 'ILLEGAL_CHARGES',
  ABANDONED_COMPOUND = 'ABANDONED_COMPOUND',
  SERVICE_BELOW_CONTRACT = 'SERVICE_BELOW_CONTRACT',
  SAFETY_HAZARD = 'SAFETY_HAZARD',
  OTHER = 'OTHER',
}
registerEnumType(ViolationType, { name: 'ViolationType', description: 'Illegal charges (违规收费), abandoning a compound (弃管), service below contract, safety hazard, other.' });

export enum Severity {
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
  SERIOUS = 'SERIOUS',
}
registerEnumType(Severity, { name: 'Severity' });

export enum CommendationLevel {
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
}
registerEnumType(CommendationLevel, { name: 'CommendationLevel', description: 'Who commended the company.' });

export enum MatterOutcome {
  RESOLVED = 'RESOLVED',
  REJECTED = 'REJECTED',
  MERGED = 'MERGED',
}
registerEnumType(MatterOutcome, { name: 'MatterOutcome', description: 'How a property matter ended in deliberation.' });

@ObjectType({ description: 'One line of an inspection checklist with the points given.' })
export class ChecklistLine {
  @Field()
  item!: string;

  @Field(() => Int)
  maxPoints!: number;

  @Field(() => Int)
  points!: number;
}

/** A fact about a company's service that the rule catalogue turns into points. */
@ObjectType({ description: 'A fact about a company’s service that the credit rating counts.' })
@Entity()
export class Evidence {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => EvidenceKind)
  @Column('text')
  kind!: EvidenceKind;

  @Column('uuid')
  companyId!: string;

  @Column('uuid', { nullable: true })
  compoundId!: string | null;

  @Column('text')
  scopePath!: string;

  @Field({ description: 'The day it happened (YYYY-MM-DD); validity periods count from it.' })
  @Column('date')
  occurredOn!: string;

  @Field(() => Int, { nullable: true, description: 'Survey satisfaction or inspection score, in hundredths of a point out of 100.' })
  @Column('integer', { nullable: true })
  scoreHundredths!: number | null;

  @Field(() => Int, { nullable: true })
  @Column('integer', { nullable: true })
  respondents!: number | null;

  @Field(() => [ChecklistLine], { nullable: true })
  @Column('jsonb', { nullable: true })
  checklist!: ChecklistLine[] | null;

  @Field(() => ViolationType, { nullable: true })
  @Column('text', { nullable: true })
  violationType!: ViolationType | null;

  @Field(() => Severity, { nullable: true })
  @Column('text', { nullable: true })
  severity!: Severity | null;

  @Field(() => String, { nullable: true, description: 'Where the proof is kept (document number, file reference).' })
  @Column('text', { nullable: true })
  proofReference!: string | null;

  @Field(() => CommendationLevel, { nullable: true })
  @Column('text', { nullable: true })
  commendationLevel!: CommendationLevel | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  title!: string | null;

  @Field(() => ID, { nullable: true, description: 'The deliberation matter this came from.' })
  @Column('uuid', { nullable: true })
  matterId!: string | null;

  @Field(() => Int, { nullable: true })
  @Column('integer', { nullable: true })
  ratings!: number | null;

  @Field(() => Int, { nullable: true, description: 'Residents’ mean rating in hundredths of a star (100–500).' })
  @Column('integer', { nullable: true })
  meanRatingHundredths!: number | null;

  @Field(() => MatterOutcome, { nullable: true })
  @Column('text', { nullable: true })
  outcome!: MatterOutcome | null;

  @Column('text')
  recordedBy!: string;

  @Field()
  @Column('timestamptz', { default: () => 'now()' })
  recordedAt!: Date;

  @Field(() => CompoundRef, { nullable: true })
  compound(): CompoundRef | null {
    return this.compoundId ? { id: this.compoundId } : null;
  }
}
