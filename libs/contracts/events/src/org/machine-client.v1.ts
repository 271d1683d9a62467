import { z } from 'zod';
import { defineEvent } from '../envelope';
import { scopePathSchema } from '../scope';

/**
 * Machine clients (机器客户端: city platforms and other systems) get their own tokens from org's token endpoint
 * with client credentials. Every service keeps the revoked clients and keys from these events and refuses
 * their tokens before they expire. No event carries a secret or its hash.
 */
const clientSchema = z.object({
  clientId: z.uuid(),
  /** The node the client belongs to; administrators see and manage it within their scopes. */
  scopePath: scopePathSchema,
});

/** A machine client was registered, with the roles and scopes its tokens may carry. */
export const orgMachineClientRegisteredV1 = defineEvent(
  'org.machine-client.registered.v1',
  clientSchema.extend({
    name: z.string().min(1),
    roles: z.array(z.string().min(1)).min(1),
    scopes: z.array(scopePathSchema).min(1),
  }),
);
export type OrgMachineClientRegisteredV1 = z.infer<typeof orgMachineClientRegisteredV1.schema>;

/** A key (client secret) was issued to a machine client. */
export const orgMachineClientKeyIssuedV1 = defineEvent('org.machine-client.key-issued.v1', clientSchema.extend({ keyId: z.uuid() }));
export type OrgMachineClientKeyIssuedV1 = z.infer<typeof orgMachineClientKeyIssuedV1.schema>;

/** A machine client's key was revoked: tokens issued with it are refused from now on. */
export const orgMachineClientKeyRevokedV1 = defineEvent('org.machine-client.key-revoked.v1', clientSchema.extend({ keyId: z.uuid(), revokedAt: z.iso.datetime() }));
export type OrgMachineClientKeyRevokedV1 = z.infer<typeof orgMachineClientKeyRevokedV1.schema>;

/** A machine client was revoked with all its keys: none of its tokens is accepted any more, and it gets no new ones. */
export const orgMachineClientRevokedV1 = defineEvent(
  'org.machine-client.revoked.v1',
  clientSchema.extend({ revokedAt: z.iso.datetime(), keyIds: z.array(z.uuid()) }),
);
export type OrgMachineClientRevokedV1 = z.infer<typeof orgMachineClientRevokedV1.schema>;
