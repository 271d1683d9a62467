import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection, PageArgs } from '@gongzhi/platform-graphql';

/** One read of an anonymous donor's name (who, which donation, when, in which request). */
@ObjectType({ description: 'One read of an anonymous donor’s name (匿名捐赠人姓名访问记录): who, which donation, when.' })
@Entity()
export class DonorNameAccess {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('timestamptz')
  accessedAt!: Date;

  @Field({ description: 'The request it happened in (x-request-id), to correlate with service logs.' })
  @Column('text')
  requestId!: string;

  @Field({ description: "The reader's token subject (`sub`)." })
  @Column('text')
  actorSub!: string;

  @Field(() => [String], { description: 'The roles the reader held at the time.' })
  @Column('text', { array: true })
  actorRoles!: string[];

  @Field(() => ID)
  @Column('uuid')
  donationId!: string;

  @Field(() => ID)
  @Column('uuid')
  fundId!: string;

  /** The fund's scope path, so auditors see only their part of the tree. */
  @Column('text')
  scopePath!: string;
}

@ObjectType()
export class DonorNameAccessConnection extends Connection(DonorNameAccess, 'DonorNameAccess') {}

@ArgsType()
export class DonorNameAccessLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only reads of this fund’s donations.' })
  fundId?: string | null;
}
