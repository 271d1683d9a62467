import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, PageArgs, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { MachineClient, MachineClientAudit, MachineClientKey } from './machine-client.entity';
import { MachineClientsArgs, RegisterMachineClientInput } from './machine-client.inputs';
import type { ChangeActor, MachineClientService } from './machine-client.service';

@ObjectType()
export class MachineClientConnection extends Connection(MachineClient, 'MachineClient') {}

@ObjectType()
export class MachineClientKeyConnection extends Connection(MachineClientKey, 'MachineClientKey') {}

@ObjectType()
export class MachineClientAuditConnection extends Connection(MachineClientAudit, 'MachineClientAudit') {}

@ObjectType({ description: 'A newly issued key with its secret. The secret is in this answer only: Gongzhi keeps nothing but a hash of it.' })
export class MachineClientCredentials {
  @Field(() => MachineClient)
  client!: MachineClient;

  @Field(() => MachineClientKey)
  key!: MachineClientKey;

  @Field(() => ID, { description: 'The OAuth `client_id` (the client’s id).' })
  clientId!: string;

  @Field({ description: 'The OAuth `client_secret`: hand it to the platform’s operators now; it cannot be shown again.' })
  clientSecret!: string;
}

function actorOf(ctx: RequestContext): ChangeActor {
  return { user: requireUser(ctx), requestId: ctx.requestId };
}

/** The machine-client registry: district and platform administrators, within their scopes. */
@Resolver(() => MachineClient)
export class MachineClientResolver {
  constructor(private readonly clients: MachineClientService) {}

  @Requires('machine-client:administer')
  @Query(() => MachineClientConnection, { description: 'Machine clients (city platforms) registered at nodes inside your scopes; revoked ones only when asked.' })
  machineClients(@Args() args: MachineClientsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<MachineClient>> {
    return this.clients.list(requireUser(ctx), args);
  }

  @Requires('machine-client:administer')
  @Query(() => MachineClient, { nullable: true, description: 'A machine client registered inside your scopes, or null.' })
  machineClient(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MachineClient | null> {
    return this.clients.byId(requireUser(ctx), id);
  }

  @Requires('machine-client:administer')
  @Mutation(() => MachineClientCredentials, { description: 'Registers a machine client and issues its first key; the answer holds the client secret, once.' })
  registerMachineClient(@Arg('input') input: RegisterMachineClientInput, @Ctx() ctx: RequestContext): Promise<MachineClientCredentials> {
    return this.clients.register(actorOf(ctx), input);
  }

  @Requires('machine-client:administer')
  @Mutation(() => MachineClientCredentials, { description: 'Issues another key to a machine client (to rotate: issue, switch the platform over, revoke the old key).' })
  issueMachineClientKey(@Arg('clientId', () => ID) clientId: string, @Ctx() ctx: RequestContext): Promise<MachineClientCredentials> {
    return this.clients.issueKey(actorOf(ctx), clientId);
  }

  @Requires('machine-client:administer')
  @Mutation(() => MachineClientKey, { description: 'Revokes a key: no new tokens with it, and tokens issued with it are refused by every service within seconds.' })
  revokeMachineClientKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MachineClientKey> {
    return this.clients.revokeKey(actorOf(ctx), id);
  }

  @Requires('machine-client:administer')
  @Mutation(() => MachineClient, { description: 'Revokes a machine client and all its keys, for good; its tokens are refused by every service within seconds.' })
  revokeMachineClient(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MachineClient> {
    return this.clients.revokeClient(actorOf(ctx), id);
  }

  @FieldResolver(() => MachineClientKeyConnection, { description: 'Its keys, in issue order (secrets are never shown).' })
  keys(@Root() client: MachineClient, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<MachineClientKey>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<MachineClientKey>>(`machineClientKeys:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.clients.keysOf(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(client.id);
  }

  @FieldResolver(() => MachineClientAuditConnection, { description: 'Every change to the client, oldest first: who, when, what.' })
  auditTrail(@Root() client: MachineClient, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<MachineClientAudit>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<MachineClientAudit>>(`machineClientAudit:${args.first}:${args.after ?? ''}`, async (ids) => {
        const pages = await this.clients.auditOf(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(client.id);
  }
}
