import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A machine client (机器客户端): a city platform (城市平台, e.g. the 12345 hotline's system) or another system
 * that calls the API on its own behalf. It gets short-lived tokens from `POST /oauth/token` with its id and one
 * of its keys; the tokens carry its roles and (a subset of) its granted scopes.
 */
@ObjectType({ description: 'A machine client (机器客户端): a city platform or other system that gets its own scoped tokens with client credentials.' })
@Entity()
export class MachineClient {
  @Field(() => ID, { description: 'Also the OAuth `client_id`.' })
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'The node the client belongs to; administrators of it manage the client.' })
  @Column('text')
  scopePath!: string;

  @Field(() => [String], { description: 'The roles its tokens carry (never an administrator role).' })
  @Column('text', { array: true })
  roles!: string[];

  @Field(() => [String], { description: 'The scope paths its tokens may carry; a token request may narrow them.' })
  @Column('text', { array: true })
  grantedScopes!: string[];

  @Field({ description: 'Token subject (`sub`) of the administrator who registered it.' })
  @Column('text')
  createdBy!: string;

  @Field()
  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; a revoked client gets no tokens and its tokens are refused.' })
  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  revokedBy!: string | null;
}

/** One client secret of a machine client; several let a client rotate without a gap. */
@ObjectType({ description: 'A key (client secret) of a machine client. The secret itself is shown once, when the key is issued, and never stored.' })
@Entity()
export class MachineClientKey {
  @Field(() => ID, { description: 'The key id; tokens issued with this key carry it as `key_id`.' })
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  clientId!: string;

  /** `scrypt$N$r$p$salt$hash`, never the secret. */
  @Column('text')
  secretHash!: string;

  @Column('text')
  scopePath!: string;

  @Field()
  @Column('text')
  createdBy!: string;

  @Field()
  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a token was last issued with this key.' })
  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  revokedBy!: string | null;
}

export enum MachineClientAction {
  REGISTERED = 'REGISTERED',
  KEY_ISSUED = 'KEY_ISSUED',
  KEY_REVOKED = 'KEY_REVOKED',
  REVOKED = 'REVOKED',
}
registerEnumType(MachineClientAction, { name: 'MachineClientAction', description: 'A change to a machine client: registered, a key issued or revoked, the client revoked.' });

/** One change to a machine client, for the audit trail: who, when, what. Append-only. */
@ObjectType({ description: 'One change to a machine client: who made it, when, and what.' })
@Entity()
export class MachineClientAudit {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  clientId!: string;

  @Field(() => ID, { nullable: true, description: 'The key issued or revoked.' })
  @Column('uuid', { nullable: true })
  keyId!: string | null;

  @Field(() => MachineClientAction)
  @Column('text')
  action!: MachineClientAction;

  @Field({ description: "The administrator's token subject (`sub`)." })
  @Column('text')
  actorSub!: string;

  @Field(() => [String], { description: 'The roles the administrator held at the time.' })
  @Column('text', { array: true })
  actorRoles!: string[];

  @Field({ description: 'The request it happened in (x-request-id), to correlate with service logs.' })
  @Column('text')
  requestId!: string;

  @Field()
  @Column('timestamptz', { default: () => 'now()' })
  changedAt!: Date;

  @Column('text')
  scopePath!: string;
}
