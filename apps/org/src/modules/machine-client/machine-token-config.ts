import type { JWK } from 'jose';
import { z } from 'zod';

/** The variables of org's token endpoint for machine clients (see docs/security.md, Machine clients). */
export const machineTokenEnv = {
  /** The private ES256 JWK (with `kid`) signing machine tokens; without it the token endpoint answers 503. */
  MACHINE_TOKEN_SIGNING_JWK: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      for (const problem of signingJwkProblems(value)) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Lifetime of a machine token. */
  MACHINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3_600).default(600),
  /** Failed client authentications per client id and window before the client id is refused for the rest of it. */
  MACHINE_TOKEN_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000).default(10),
  MACHINE_TOKEN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
};

function parseJwk(value: string): JWK | undefined {
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JWK) : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with a signing key, without ever repeating its private part. */
export function signingJwkProblems(value: string): string[] {
  const jwk = parseJwk(value);
  if (!jwk) return ['must be a JSON Web Key (a JSON object), e.g. the privateJwk of .data/dev-keys.json'];
  const problems: string[] = [];
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') problems.push('must be an EC P-256 key (ES256)');
  if (!jwk.d) problems.push('must be a private key (it has no "d")');
  if (!jwk.x || !jwk.y) problems.push('lacks the public coordinates "x" and "y"');
  if (!jwk.kid) problems.push('needs a key id ("kid"), which verifiers use to pick the key');
  return problems;
}

/** The signing key, parsed (the schema has checked it). */
export function readSigningJwk(value: string): JWK {
  return JSON.parse(value) as JWK;
}

interface MachineTokenKeyInput {
  MACHINE_TOKEN_SIGNING_JWK?: string;
  AUTH_JWKS?: string;
}

/**
 * Tokens org signs are only worth something if every service accepts them: the public half of the signing key
 * (same `kid`, `x`, `y`) must be in AUTH_JWKS, which every service reads (beside AUTH_JWKS_URL when an identity
 * provider signs people's tokens).
 */
export function checkMachineTokenKey(config: MachineTokenKeyInput, ctx: z.RefinementCtx): void {
  if (!config.MACHINE_TOKEN_SIGNING_JWK) return;
  const signing = parseJwk(config.MACHINE_TOKEN_SIGNING_JWK);
  if (!signing || signingJwkProblems(config.MACHINE_TOKEN_SIGNING_JWK).length > 0) return;
  const keys = (config.AUTH_JWKS ? (parseJwk(config.AUTH_JWKS) as { keys?: JWK[] } | undefined)?.keys : undefined) ?? [];
  if (!keys.some((key) => key.kid === signing.kid && key.x === signing.x && key.y === signing.y)) {
    ctx.addIssue({
      code: 'custom',
      path: ['MACHINE_TOKEN_SIGNING_JWK'],
      message: `its public half (kid ${signing.kid}) must be in AUTH_JWKS, the key set every service verifies tokens with`,
    });
  }
}
