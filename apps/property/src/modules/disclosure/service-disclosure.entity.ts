import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum FeeUnit {
  PER_SQUARE_METRE_MONTH = 'PER_SQUARE_METRE_MONTH',
  PER_DWELLING_MONTH = 'PER_DWELLING_MONTH',
  PER_SPACE_MONTH = 'PER_SPACE_MONTH',
  PER_USE = 'PER_USE',
}
registerEnumType(FeeUnit, { name: 'FeeUnit', description: 'Per m² of exclusive area per month, per dwelling per month, per parking space per month, or per use.' });

@ObjectType({ description: 'One fee a company charges, as disclosed to residents.' })
export class DisclosedFee {
  @Field()
  item!: string;

  @Field(() => Int, { description: 'Amount in fen per unit.' })
  amountFen!: number;

  @Field(() => FeeUnit)
  unit!: FeeUnit;
}

/** A company's service standards and fees for one compound, published for residents ("双晒"). */
@ObjectType({ description: 'A company’s service standards and fees for a compound, published for residents (双晒).' })
@Entity()
export class ServiceDisclosure {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  assignmentId!: string;

  @Column('uuid')
  companyId!: string;

  @Column('uuid')
  compoundId!: string;

  @Column('text')
  scopePath!: string;

  @Field({ description: 'What the company promises: cleaning, security, repairs, response times.' })
  @Column('text')
  serviceStandards!: string;

  @Field(() => [DisclosedFee])
  @Column('jsonb')
  fees!: DisclosedFee[];

  @Column('text')
  publishedBy!: string;

  @Field()
  @Column('timestamptz', { default: () => 'now()' })
  publishedAt!: Date;
}
