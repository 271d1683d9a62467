import type { DataSource } from 'typeorm';
import { OrgMachineClients1763826000000 } from '../../../migrations/1763826000000-machine-clients';
import { FailedAuthLimiter } from './failed-auth-limiter';
import { MachineClient, MachineClientAudit, MachineClientKey } from './machine-client.entity';
import { MachineClientResolver } from './machine-client.resolver';
import { MachineClientRevocations, MachineClientService } from './machine-client.service';
import { readSigningJwk } from './machine-token-config';
import { MachineTokenSigner } from './machine-token';
import { tokenEndpoint } from './token-endpoint';

export interface MachineClientConfig {
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  MACHINE_TOKEN_SIGNING_JWK?: string;
  MACHINE_TOKEN_TTL_SECONDS: number;
  MACHINE_TOKEN_FAILURE_LIMIT: number;
  MACHINE_TOKEN_FAILURE_WINDOW_SECONDS: number;
}

/**
 * Machine clients (issue 7, item 4): the registry, `POST /oauth/token`, and org's revocation check, as parts
 * the org module adds to its own entities, migrations, resolvers and runtime.
 */
export const machineClientParts = {
  entities: [MachineClient, MachineClientKey, MachineClientAudit],
  migrations: [OrgMachineClients1763826000000],
  resolverClasses: [MachineClientResolver],
  createRuntime(dataSource: DataSource, config: MachineClientConfig) {
    const clients = new MachineClientService(dataSource);
    const signer = config.MACHINE_TOKEN_SIGNING_JWK
      ? new MachineTokenSigner({
          signingJwk: readSigningJwk(config.MACHINE_TOKEN_SIGNING_JWK),
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
          ttlSeconds: config.MACHINE_TOKEN_TTL_SECONDS,
        })
      : undefined;
    const limiter = new FailedAuthLimiter(config.MACHINE_TOKEN_FAILURE_LIMIT, config.MACHINE_TOKEN_FAILURE_WINDOW_SECONDS * 1000);
    return {
      resolvers: [new MachineClientResolver(clients)],
      revocations: new MachineClientRevocations(dataSource),
      postRoutes: { '/oauth/token': tokenEndpoint({ clients, signer, limiter }) },
    };
  },
};
