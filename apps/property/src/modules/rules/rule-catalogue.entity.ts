import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { CreditRules } from './rules';

export enum CatalogueStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(CatalogueStatus, { name: 'CatalogueStatus', description: 'A draft may still be replaced; a published version never changes.' });

/** One version of a district's rule catalogue (信用评价规则); immutable once published (a trigger enforces it). */
@ObjectType({ description: 'One version of a district’s credit rating rules (信用评价规则).' })
@Entity()
export class RuleCatalogue {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  districtCode!: string;

  @Column('text')
  scopePath!: string;

  @Field(() => Int)
  @Column('integer')
  version!: number;

  @Field(() => GraphQLJSONObject, { description: 'The rules: base score, weights, additions, deductions, validity, grades and list conditions (points in hundredths).' })
  @Column('jsonb')
  rules!: CreditRules;

  @Field(() => CatalogueStatus)
  @Column('text')
  status!: CatalogueStatus;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
