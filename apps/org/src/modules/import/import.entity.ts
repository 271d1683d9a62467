import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum ImportKind {
  DWELLINGS = 'DWELLINGS',
  OWNERS = 'OWNERS',
  RESIDENTS = 'RESIDENTS',
}
registerEnumType(ImportKind, {
  name: 'ImportKind',
  description: 'DWELLINGS (creating buildings and units), OWNERS (who owns which dwelling, with shares) or RESIDENTS (and where they live).',
});

export enum ImportFormat {
  CSV = 'CSV',
  NDJSON = 'NDJSON',
}
registerEnumType(ImportFormat, { name: 'ImportFormat', description: 'CSV with a header row, or one JSON object per line.' });

/** One bulk import: what it loaded, changed, found unchanged and rejected. */
@ObjectType({ description: 'A finished bulk import and its counts.' })
@Entity()
export class ImportJob {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ImportKind)
  @Column('text')
  kind!: ImportKind;

  @Field(() => ImportFormat)
  @Column('text')
  format!: ImportFormat;

  @Field(() => Int, { description: 'Data rows read (the header excluded).' })
  @Column('integer')
  totalRows!: number;

  @Field(() => Int)
  @Column('integer')
  inserted!: number;

  @Field(() => Int)
  @Column('integer')
  updated!: number;

  @Field(() => Int, { description: 'Valid rows that matched what was already recorded.' })
  @Column('integer')
  unchanged!: number;

  @Field(() => Int)
  @Column('integer')
  rejected!: number;

  @Column('text')
  startedBy!: string;

  @Column('text', { array: true })
  scopePaths!: string[];

  @Field()
  @Column('timestamptz')
  startedAt!: Date;

  @Field()
  @Column('timestamptz')
  finishedAt!: Date;
}

/** A row the import refused: its line in the file, the field at fault and why. */
@ObjectType({ description: 'A rejected row of an import.' })
@Entity()
export class ImportRejection {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  importId!: string;

  @Field(() => Int, { description: 'Line number in the file (the CSV header is line 1).' })
  @Column('integer')
  line!: number;

  @Field()
  @Column('text')
  field!: string;

  @Field()
  @Column('text')
  reason!: string;

  @Field()
  @Column('text')
  message!: string;
}
