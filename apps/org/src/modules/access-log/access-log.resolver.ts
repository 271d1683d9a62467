import { Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { PersonalDataAccess } from './access-log.entity';
import { PersonalDataAccessLogArgs } from './access-log.inputs';
import type { AccessLogService } from './access-log.service';

@ObjectType()
export class PersonalDataAccessConnection extends Connection(PersonalDataAccess, 'PersonalDataAccess') {}

@Resolver(() => PersonalDataAccess)
export class AccessLogResolver {
  constructor(private readonly accessLog: AccessLogService) {}

  @Requires('access-log:read')
  @Query(() => PersonalDataAccessConnection, { description: 'Reads of full identifiers and sensitive tags (and refused attempts) of people inside your scopes, newest first.' })
  personalDataAccessLog(@Args() args: PersonalDataAccessLogArgs, @Ctx() ctx: RequestContext): Promise<PersonalDataAccessConnection> {
    return this.accessLog.list(requireUser(ctx), args);
  }
}
