import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ListMembership, ScoreLine } from '../rules/credit-score';

export enum CreditListMembership {
  RED = 'RED',
  BLACK = 'BLACK',
  NONE = 'NONE',
}
registerEnumType(CreditListMembership, { name: 'CreditListMembership', description: 'Red list (红榜), black list (黑榜) or neither.' });

@ObjectType({ description: 'One line of a score: which rule gave or took how many points, for which evidence.' })
export class CreditScoreLine implements ScoreLine {
  @Field({ description: 'The catalogue rule, e.g. deductions.violation.MAJOR.' })
  rule!: string;

  @Field()
  description!: string;

  @Field(() => Int, { description: 'Hundredths of a point, negative for deductions.' })
  points!: number;

  @Field(() => [ID])
  evidenceIds!: string[];
}

/** One company's credit score (信用评分) in one list, with the lines that explain it. */
@ObjectType({ description: 'A company’s credit score (信用评分) in one list, explained line by line.' })
@Entity()
export class CreditScore {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  listId!: string;

  @Column('uuid')
  companyId!: string;

  @Field({ description: 'The company’s name when the list was drafted; a later rename never rewrites a list.' })
  @Column('text')
  companyName!: string;

  @Column('text')
  scopePath!: string;

  @Field(() => Int, { description: 'Place in the district’s ranking for the period: by score, highest first.' })
  @Column('integer')
  rank!: number;

  @Field(() => Int, { description: 'Hundredths of a point: 8733 is 87.33.' })
  @Column('integer')
  scoreHundredths!: number;

  @Field()
  @Column('text')
  grade!: string;

  @Field(() => CreditListMembership)
  @Column('text')
  membership!: ListMembership;

  @Field(() => [CreditScoreLine])
  @Column('jsonb')
  lines!: CreditScoreLine[];

  @Field(() => [String], { description: 'Why the company is (or is not) on a list.' })
  @Column('jsonb')
  listReasons!: string[];

  @Field(() => [ID], { description: 'Evidence left out because an appeal against it was upheld.' })
  @Column('uuid', { array: true })
  excludedEvidenceIds!: string[];
}
