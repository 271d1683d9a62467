import { Field, ID, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';

@InputType({ description: 'Ties a person (by the `sub` of their token) to the property-service company they work for.' })
export class RegisterPropertyStaffMemberInput {
  @Field(() => ID)
  companyId!: string;

  @Field({ description: 'The `sub` claim of the person’s token.' })
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/^\S+$/, { message: 'must be a token subject without spaces' })
  subject!: string;
}
