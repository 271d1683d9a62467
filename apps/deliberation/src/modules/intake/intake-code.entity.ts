import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CompoundRef } from '@gongzhi/org-mirror';

/** A compound's QR intake code (码上办): anyone who scans it may raise a matter in that compound, until it is revoked. */
@ObjectType({ description: 'A compound’s QR intake code (码上办); scanning it raises a matter in that compound without logging in.' })
@Entity()
export class IntakeCode {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  compoundId!: string;

  @Column('text')
  scopePath!: string;

  @Column('text')
  issuedBy!: string;

  @Field()
  @Column('timestamptz')
  issuedAt!: Date;

  @Column('text', { nullable: true })
  revokedBy!: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Field(() => CompoundRef)
  compound(): CompoundRef {
    return { id: this.compoundId };
  }
}

/** What issuing a code hands back: the code, the URL it opens and the QR image to print. */
@ObjectType({ description: 'An issued intake code with the URL it opens and a printable QR image.' })
export class IssuedIntakeCode {
  @Field(() => IntakeCode)
  intakeCode!: IntakeCode;

  @Field({ description: 'The signed code, as carried in the URL.' })
  code!: string;

  @Field({ description: 'The intake page the QR code opens.' })
  intakeUrl!: string;

  @Field({ description: 'The QR code of intakeUrl as an SVG document.' })
  qrSvg!: string;

  @Field({ description: 'The same QR code as a PNG image, in a data URL (data:image/png;base64,…), for channels that cannot show SVG.' })
  qrPng!: string;
}
