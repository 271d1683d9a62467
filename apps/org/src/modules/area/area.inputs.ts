import { Field, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';

@InputType({ description: 'A new district, street or community; its level and parent follow from its code.' })
export class CreateAreaInput {
  @Field({ description: '6 digits for a district (GB/T 2260), 9 for a street, 12 for a community.' })
  @Matches(/^(\d{6}|\d{9}|\d{12})$/, { message: 'must be 6 (district), 9 (street) or 12 (community) digits' })
  code!: string;

  @Field()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;
}
