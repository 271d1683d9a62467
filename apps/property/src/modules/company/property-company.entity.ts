import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A property-service company (物业服务企业) registered with a district. */
@ObjectType({ description: 'A property-service company (物业服务企业) registered with a district.' })
@Entity()
export class PropertyCompany {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'The 18-character unified social credit code (统一社会信用代码, GB 32100).' })
  @Column('text', { unique: true })
  creditCode!: string;

  @Field({ description: 'The 6-digit code of the district the company is registered with.' })
  @Column('text')
  districtCode!: string;

  @Column('text')
  scopePath!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  registeredAt!: Date;
}
