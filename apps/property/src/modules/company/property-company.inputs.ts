import { Field, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';

@InputType()
export class RegisterPropertyCompanyInput {
  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field({ description: '18 characters: digits and upper-case letters except I, O, S, V, Z, ending in the check character.' })
  creditCode!: string;

  @Field({ description: 'The 6-digit code of the district to register with.' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' })
  districtCode!: string;
}
