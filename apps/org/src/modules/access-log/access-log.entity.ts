import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum PersonalDataField {
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
  SENSITIVE_TAGS = 'SENSITIVE_TAGS',
}
registerEnumType(PersonalDataField, { name: 'PersonalDataField', description: 'A piece of personal information whose reads are logged: full ID number, full phone number, sensitive tags.' });

export enum AccessOutcome {
  GRANTED = 'GRANTED',
  DENIED = 'DENIED',
}
registerEnumType(AccessOutcome, { name: 'AccessOutcome', description: 'Whether the value was shown or the attempt refused.' });

/** One read (or refused attempt) of a person's full identifier or sensitive tags: 个人信息访问记录. */
@ObjectType({ description: 'One read, or refused attempt, of personal information (个人信息访问记录): who, what, when and why.' })
@Entity()
export class PersonalDataAccess {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field({ description: 'When the value was read or refused.' })
  @Column('timestamptz')
  accessedAt!: Date;

  @Field({ description: 'The request it happened in (x-request-id), to correlate with service logs.' })
  @Column('text')
  requestId!: string;

  @Field({ description: "The caller's token subject (`sub`)." })
  @Column('text')
  actorSub!: string;

  @Field(() => [String], { description: 'The roles the caller held at the time.' })
  @Column('text', { array: true })
  actorRoles!: string[];

  @Field(() => ID, { nullable: true, description: 'The resident whose information was read.' })
  @Column('uuid', { nullable: true })
  residentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The owner whose ID number was read.' })
  @Column('uuid', { nullable: true })
  ownerId!: string | null;

  @Field(() => PersonalDataField)
  @Column('text')
  field!: PersonalDataField;

  @Field(() => String, { nullable: true, description: 'Why, as the caller stated it; `SELF` when residents read their own; null only on a refused attempt that gave none.' })
  @Column('text', { nullable: true })
  purpose!: string | null;

  @Field(() => AccessOutcome)
  @Column('text')
  outcome!: AccessOutcome;

  /** The person's scope path at the time, so auditors see only their part of the tree. */
  @Column('text')
  scopePath!: string;
}
