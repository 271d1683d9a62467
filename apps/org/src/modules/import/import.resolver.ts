import { Readable } from 'node:stream';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, PageArgs } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { ImportFormat, ImportJob, ImportKind, ImportRejection } from './import.entity';
import type { ImportService } from './import.service';

@ObjectType()
export class ImportRejectionConnection extends Connection(ImportRejection, 'ImportRejection') {}

@InputType({ description: 'A file to import, sent inline; for files larger than the request limit use the tools/import command.' })
export class StartImportInput {
  @Field(() => ImportKind)
  kind!: ImportKind;

  @Field(() => ImportFormat)
  format!: ImportFormat;

  @Field({ description: 'The file content: CSV with a header row, or NDJSON.' })
  @MaxLength(900_000, { message: 'must be at most 900,000 characters; import larger files with tools/import' })
  content!: string;
}

@Resolver(() => ImportJob)
export class ImportResolver {
  constructor(private readonly importService: ImportService) {}

  @Requires('registry:write')
  @Mutation(() => ImportJob, { description: 'Imports dwellings, owners or residents; every rejected row is reported with its line, field and reason.' })
  startImport(@Arg('input') input: StartImportInput, @Ctx() ctx: RequestContext): Promise<ImportJob> {
    return this.importService.run(requireUser(ctx), Readable.from([input.content]), { kind: input.kind, format: input.format });
  }

  @Requires('registry:write')
  @Query(() => ImportJob, { description: 'An import you started or one inside your scopes.' })
  importJob(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ImportJob> {
    return this.importService.get(requireUser(ctx), id);
  }

  @FieldResolver(() => ImportRejectionConnection, { description: 'Rejected rows in line order.' })
  rejections(@Root() job: ImportJob, @Args() page: PageArgs): Promise<ImportRejectionConnection> {
    return this.importService.rejections(job.id, page);
  }
}
