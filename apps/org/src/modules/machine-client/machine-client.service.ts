import type { DataSource, EntityManager } from 'typeorm';
import { orgMachineClientKeyIssuedV1, orgMachineClientKeyRevokedV1, orgMachineClientRegisteredV1, orgMachineClientRevokedV1 } from '@gongzhi/contracts-events';
import { assertScopePath, covers, isRole, requireScope, withinScopes, type AuthUser, type RevocationCheck, type Role } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, isUuid, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { pagePerKey } from '@gongzhi/platform-service';
import { violatedConstraint } from '../grid/governance-lookups';
import { DECOY_HASH, generateClientSecret, hashClientSecret, keyIdOfSecret, verifyClientSecret } from './client-secret';
import { MachineClient, MachineClientAction, MachineClientAudit, MachineClientKey } from './machine-client.entity';
import type { MachineClientsArgs, RegisterMachineClientInput } from './machine-client.inputs';

/**
 * The roles a machine client may hold: a city platform's, and the other roles that administer nothing. A
 * resident's is left out too: it means something only for a person (`sub` = the person's key).
 */
export const MACHINE_CLIENT_ROLES: readonly Role[] = ['city_platform', 'auditor', 'grid_worker', 'party_secretary', 'committee_member', 'property_staff'];

/** Keys a client may hold at once: enough to rotate (issue, switch, revoke) without a gap, few enough to review. */
export const MAX_ACTIVE_KEYS = 5;

/** Who makes a change, for the audit trail. */
export interface ChangeActor {
  user: AuthUser;
  requestId: string;
}

/** A newly issued key with its secret, which exists only in this answer. */
export interface IssuedCredentials {
  client: MachineClient;
  key: MachineClientKey;
  clientId: string;
  clientSecret: string;
}

/** A client authenticated at the token endpoint, or why it was not. */
export type ClientAuthentication =
  | { ok: true; clientId: string; keyId: string; roles: string[]; grantedScopes: string[] }
  | { ok: false; reason: 'BAD_CREDENTIALS' | 'CLIENT_REVOKED' | 'KEY_REVOKED' };

interface CredentialRow {
  key_id: string;
  secret_hash: string;
  key_revoked_at: Date | null;
  client_revoked_at: Date | null;
  roles: string[];
  granted_scopes: string[];
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The registry of machine clients and their keys (机器客户端登记). */
export class MachineClientService {
  constructor(private readonly dataSource: DataSource) {}

  async register(actor: ChangeActor, input: RegisterMachineClientInput): Promise<IssuedCredentials> {
    const { user } = actor;
    const name = input.name.trim();
    const scopePath = assertScopePath(input.scopePath, 'input.scopePath');
    requireScope(user, scopePath, `the node ${scopePath}`);
    const roles = unique(input.roles).map((role) => {
      if (!isRole(role)) throw new BadUserInputError('input.roles', 'UNKNOWN_ROLE', `"${role.slice(0, 50)}" is not a role; a machine client may hold ${MACHINE_CLIENT_ROLES.join(', ')}`);
      if (!MACHINE_CLIENT_ROLES.includes(role)) {
        throw new BadUserInputError('input.roles', 'ROLE_NOT_FOR_MACHINE_CLIENTS', `a machine client may not hold ${role}; it may hold ${MACHINE_CLIENT_ROLES.join(', ')}`);
      }
      return role;
    });
    const grantedScopes = unique(input.grantedScopes).map((scope) => {
      assertScopePath(scope, 'input.grantedScopes');
      if (!covers(scopePath, scope)) throw new BadUserInputError('input.grantedScopes', 'SCOPE_OUTSIDE_CLIENT', `${scope} is not at or below the client's node ${scopePath}`);
      return scope;
    });
    const keyId = uuidv7();
    const clientSecret = generateClientSecret(keyId);
    const secretHash = await hashClientSecret(clientSecret);

    return this.dataSource.transaction(async (manager) => {
      const known = await this.existingNodes(manager, [scopePath, ...grantedScopes]);
      if (!known.has(scopePath)) throw new BadUserInputError('input.scopePath', 'UNKNOWN_SCOPE_PATH', `no area or compound has the scope path ${scopePath}`);
      const unknown = grantedScopes.find((scope) => !known.has(scope));
      if (unknown) throw new BadUserInputError('input.grantedScopes', 'UNKNOWN_SCOPE_PATH', `no area or compound has the scope path ${unknown}`);

      const client = manager.create(MachineClient, { id: uuidv7(), name, scopePath, roles, grantedScopes, createdBy: user.sub, revokedAt: null, revokedBy: null });
      try {
        await manager.insert(MachineClient, client);
      } catch (error) {
        if (violatedConstraint(error, '23505') !== 'machine_client_name_idx') throw error;
        throw new ConflictError('MACHINE_CLIENT_NAME_TAKEN', `input.name: ${scopePath} already has a machine client named "${name}"`, 'input.name');
      }
      await this.audit(manager, actor, client, MachineClientAction.REGISTERED, null);
      await enqueueEvent(manager, {
        contract: orgMachineClientRegisteredV1,
        subject: client.id,
        scope: scopePath,
        data: { clientId: client.id, scopePath, name, roles, scopes: grantedScopes },
      });
      const key = await this.insertKey(manager, actor, client, keyId, secretHash);
      return { client: await manager.findOneOrFail(MachineClient, { where: { id: client.id } }), key, clientId: client.id, clientSecret };
    });
  }

  async issueKey(actor: ChangeActor, clientIdArg: string): Promise<IssuedCredentials> {
    const clientId = parseId(clientIdArg, 'clientId');
    const keyId = uuidv7();
    const clientSecret = generateClientSecret(keyId);
    const secretHash = await hashClientSecret(clientSecret);
    return this.dataSource.transaction(async (manager) => {
      const client = await this.lockClient(manager, actor.user, clientId, 'clientId');
      if (client.revokedAt) throw new ConflictError('MACHINE_CLIENT_REVOKED', `clientId: the machine client was revoked on ${client.revokedAt.toISOString()}; register a new one`, 'clientId');
      const [{ n }] = (await manager.query('SELECT count(*)::int AS n FROM machine_client_key WHERE client_id = $1 AND revoked_at IS NULL', [clientId])) as { n: number }[];
      if (n >= MAX_ACTIVE_KEYS) {
        throw new ConflictError('TOO_MANY_ACTIVE_KEYS', `clientId: the client already has ${MAX_ACTIVE_KEYS} keys in use; revoke one first`, 'clientId');
      }
      const key = await this.insertKey(manager, actor, client, keyId, secretHash);
      return { client, key, clientId, clientSecret };
    });
  }

  async revokeKey(actor: ChangeActor, idArg: string): Promise<MachineClientKey> {
    const id = parseId(idArg, 'id');
    return this.dataSource.transaction(async (manager) => {
      const scope = withinScopes(actor.user, 'k.scope_path');
      const key = await manager
        .getRepository(MachineClientKey)
        .createQueryBuilder('k')
        .where('k.id = :id', { id })
        .andWhere(scope.sql, scope.params)
        .setLock('pessimistic_write')
        .getOne();
      if (!key) throw new NotFoundError('MACHINE_CLIENT_KEY_NOT_FOUND', `id: no machine client key ${id} inside your scopes`, 'id');
      if (key.revokedAt) throw new ConflictError('KEY_ALREADY_REVOKED', `id: the key was revoked on ${key.revokedAt.toISOString()}`, 'id');
      const revokedAt = new Date();
      await manager.update(MachineClientKey, { id }, { revokedAt, revokedBy: actor.user.sub });
      await this.audit(manager, actor, { id: key.clientId, scopePath: key.scopePath }, MachineClientAction.KEY_REVOKED, id);
      await enqueueEvent(manager, {
        contract: orgMachineClientKeyRevokedV1,
        subject: key.clientId,
        scope: key.scopePath,
        data: { clientId: key.clientId, scopePath: key.scopePath, keyId: id, revokedAt: revokedAt.toISOString() },
      });
      return manager.findOneOrFail(MachineClientKey, { where: { id } });
    });
  }

  async revokeClient(actor: ChangeActor, idArg: string): Promise<MachineClient> {
    const id = parseId(idArg, 'id');
    return this.dataSource.transaction(async (manager) => {
      const client = await this.lockClient(manager, actor.user, id, 'id');
      if (client.revokedAt) throw new ConflictError('MACHINE_CLIENT_ALREADY_REVOKED', `id: the machine client was revoked on ${client.revokedAt.toISOString()}`, 'id');
      const revokedAt = new Date();
      await manager.update(MachineClient, { id }, { revokedAt, revokedBy: actor.user.sub });
      const keys = (await manager.query(
        'UPDATE machine_client_key SET revoked_at = $2, revoked_by = $3 WHERE client_id = $1 AND revoked_at IS NULL RETURNING id',
        [id, revokedAt, actor.user.sub],
      )) as [{ id: string }[], number];
      const keyIds = keys[0].map((row) => row.id);
      await this.audit(manager, actor, client, MachineClientAction.REVOKED, null);
      await enqueueEvent(manager, {
        contract: orgMachineClientRevokedV1,
        subject: id,
        scope: client.scopePath,
        data: { clientId: id, scopePath: client.scopePath, revokedAt: revokedAt.toISOString(), keyIds },
      });
      return manager.findOneOrFail(MachineClient, { where: { id } });
    });
  }

  /** Clients whose node is inside the caller's scopes, in registration order. */
  async list(user: AuthUser, args: MachineClientsArgs): Promise<ConnectionShape<MachineClient>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'c.scope_path');
    const query = this.dataSource.getRepository(MachineClient).createQueryBuilder('c').where(scope.sql, scope.params).orderBy('c.id', 'ASC').limit(args.first + 1);
    if (!args.includeRevoked) query.andWhere('c.revoked_at IS NULL');
    if (after) query.andWhere('c.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  async byId(user: AuthUser, idArg: string): Promise<MachineClient | null> {
    const id = parseId(idArg, 'id');
    const scope = withinScopes(user, 'c.scope_path');
    return this.dataSource.getRepository(MachineClient).createQueryBuilder('c').where('c.id = :id', { id }).andWhere(scope.sql, scope.params).getOne();
  }

  /** A page of keys for each client, in issue order, in one statement. */
  keysOf(user: AuthUser, clientIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<MachineClientKey>>> {
    const scope = withinScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(MachineClientKey), {
      table: 'machine_client_key',
      keyColumn: 'client_id',
      keyOf: (key) => key.clientId,
      keys: clientIds,
      conditions: [scope.sql],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }

  /** A page of each client's audit trail, oldest first, in one statement. */
  auditOf(user: AuthUser, clientIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<MachineClientAudit>>> {
    const scope = withinScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(MachineClientAudit), {
      table: 'machine_client_audit',
      keyColumn: 'client_id',
      keyOf: (entry) => entry.clientId,
      keys: clientIds,
      conditions: [scope.sql],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }

  /**
   * Checks a client id and secret at the token endpoint. The secret names its key; one scrypt comparison runs
   * whether or not the client and key exist, so a stranger learns nothing from the time an answer takes.
   */
  async authenticate(clientId: string, secret: string): Promise<ClientAuthentication> {
    const keyId = keyIdOfSecret(secret);
    const rows =
      keyId && isUuid(clientId)
        ? ((await this.dataSource.query(
            `SELECT k.id AS key_id, k.secret_hash, k.revoked_at AS key_revoked_at, c.revoked_at AS client_revoked_at, c.roles, c.granted_scopes
               FROM machine_client_key k JOIN machine_client c ON c.id = k.client_id
              WHERE k.id = $1 AND c.id = $2`,
            [keyId, clientId.toLowerCase()],
          )) as CredentialRow[])
        : [];
    const row = rows[0];
    const matches = await verifyClientSecret(secret, row?.secret_hash ?? DECOY_HASH);
    if (!row || !matches) return { ok: false, reason: 'BAD_CREDENTIALS' };
    if (row.client_revoked_at) return { ok: false, reason: 'CLIENT_REVOKED' };
    if (row.key_revoked_at) return { ok: false, reason: 'KEY_REVOKED' };
    return { ok: true, clientId: clientId.toLowerCase(), keyId: row.key_id, roles: row.roles, grantedScopes: row.granted_scopes };
  }

  /** Notes that a token was issued with the key (shown as `lastUsedAt`, to find keys no one uses any more). */
  async markUsed(keyId: string): Promise<void> {
    await this.dataSource.query('UPDATE machine_client_key SET last_used_at = now() WHERE id = $1', [keyId]);
  }

  private async lockClient(manager: EntityManager, user: AuthUser, id: string, field: string): Promise<MachineClient> {
    const scope = withinScopes(user, 'c.scope_path');
    const client = await manager
      .getRepository(MachineClient)
      .createQueryBuilder('c')
      .where('c.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .setLock('pessimistic_write')
      .getOne();
    if (!client) throw new NotFoundError('MACHINE_CLIENT_NOT_FOUND', `${field}: no machine client ${id} inside your scopes`, field);
    return client;
  }

  /** The scope paths among `paths` that name a node of the tree (the root `/` always does). */
  private async existingNodes(manager: EntityManager, paths: readonly string[]): Promise<Set<string>> {
    const rows = (await manager.query(
      `SELECT scope_path FROM area WHERE scope_path = ANY($1) UNION SELECT scope_path FROM compound WHERE scope_path = ANY($1)`,
      [unique(paths)],
    )) as { scope_path: string }[];
    return new Set(['/', ...rows.map((row) => row.scope_path)]);
  }

  private async insertKey(manager: EntityManager, actor: ChangeActor, client: Pick<MachineClient, 'id' | 'scopePath'>, keyId: string, secretHash: string): Promise<MachineClientKey> {
    await manager.insert(MachineClientKey, {
      id: keyId,
      clientId: client.id,
      secretHash,
      scopePath: client.scopePath,
      createdBy: actor.user.sub,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    await this.audit(manager, actor, client, MachineClientAction.KEY_ISSUED, keyId);
    await enqueueEvent(manager, {
      contract: orgMachineClientKeyIssuedV1,
      subject: client.id,
      scope: client.scopePath,
      data: { clientId: client.id, scopePath: client.scopePath, keyId },
    });
    return manager.findOneOrFail(MachineClientKey, { where: { id: keyId } });
  }

  private async audit(manager: EntityManager, actor: ChangeActor, client: Pick<MachineClient, 'id' | 'scopePath'>, action: MachineClientAction, keyId: string | null): Promise<void> {
    await manager.insert(MachineClientAudit, {
      id: uuidv7(),
      clientId: client.id,
      keyId,
      action,
      actorSub: actor.user.sub,
      actorRoles: [...actor.user.roles],
      requestId: actor.requestId.slice(0, 200),
      scopePath: client.scopePath,
    });
  }
}

/**
 * org's own answer to "was this token's client or key revoked": its table, so a revocation is refused by org
 * in the same instant it commits. A token that names a key must name one that exists and is in use, of a
 * client that is in use; tokens of other issuers (an identity provider's, naming no key) are refused only when
 * their `client_id` is a revoked machine client.
 */
export class MachineClientRevocations implements RevocationCheck {
  constructor(private readonly dataSource: DataSource) {}

  async isRevoked(user: AuthUser): Promise<boolean> {
    const { clientId, keyId } = user;
    if (clientId === undefined) return false;
    if (keyId !== undefined) {
      if (!isUuid(keyId) || !isUuid(clientId)) return true;
      const rows = (await this.dataSource.query(
        `SELECT 1 FROM machine_client_key k JOIN machine_client c ON c.id = k.client_id
          WHERE k.id = $1 AND c.id = $2 AND k.revoked_at IS NULL AND c.revoked_at IS NULL`,
        [keyId.toLowerCase(), clientId.toLowerCase()],
      )) as unknown[];
      return rows.length === 0;
    }
    if (!isUuid(clientId)) return false;
    const rows = (await this.dataSource.query('SELECT 1 FROM machine_client WHERE id = $1 AND revoked_at IS NOT NULL', [clientId.toLowerCase()])) as unknown[];
    return rows.length > 0;
  }
}
