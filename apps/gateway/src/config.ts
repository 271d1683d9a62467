import { z } from 'zod';
import { baseEnv, readConfig, type Env } from '@gongzhi/platform-config';

/**
 * Where a subgraph answers: one URL, or several comma-separated instances of it serving the same path (the
 * gateway spreads its requests over them).
 */
const subgraphUrl = (port: number) =>
  z
    .string()
    .default(`http://127.0.0.1:${port}/graphql`)
    .superRefine((value, ctx) => {
      const parts = value.split(',').map((part) => part.trim());
      for (const part of parts) {
        if (!URL.canParse(part) || !/^https?:$/.test(new URL(part).protocol)) ctx.addIssue({ code: 'custom', message: `"${part}" is not an http(s) URL` });
      }
      if (parts.every((part) => URL.canParse(part)) && new Set(parts.map((part) => new URL(part).pathname)).size > 1) {
        ctx.addIssue({ code: 'custom', message: 'the instances of one subgraph must serve the same path' });
      }
    });
const count = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');
const flagOn = z
  .enum(['true', 'false'])
  .default('true')
  .transform((value) => value === 'true');

const gatewaySchema = z.object({
  ...baseEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  ORG_URL: subgraphUrl(4001),
  DELIBERATION_URL: subgraphUrl(4002),
  PROPERTY_URL: subgraphUrl(4003),
  FUND_URL: subgraphUrl(4004),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).default(1_000_000),
  SUPERGRAPH_PATH: z.string().optional(),
  // Operation shape limits (graphql-armor and the parser); each must admit every document libs/client ships.
  MAX_DEPTH: count(1, 10),
  MAX_ALIASES: count(0, 15),
  MAX_DIRECTIVES: count(0, 10),
  MAX_TOKENS: count(100, 2_000),
  MAX_COST: count(100, 5_000),
  // Requests per window per remote address and per token subject; 0 switches that limit off.
  RATE_LIMIT_WINDOW_SECONDS: count(1, 60),
  RATE_LIMIT_PER_IP: count(0, 1_200),
  RATE_LIMIT_PER_IDENTITY: count(0, 600),
  /** Accept only the operations of the persisted-document manifest (the allow-list mode production can switch on). */
  PERSISTED_DOCUMENTS_ONLY: flag,
  PERSISTED_DOCUMENTS_PATH: z.string().optional(),
  // The subgraph fetcher: undici with pooled keep-alive connections (make-fetch-happen is Apollo's default, kept
  // for comparison benchmarks), and in-flight de-duplication of identical queries of the same caller.
  SUBGRAPH_FETCHER: z.enum(['undici', 'make-fetch-happen']).default('undici'),
  SUBGRAPH_CONNECTIONS: count(1, 128),
  SUBGRAPH_PIPELINING: count(1, 1),
  DEDUPLICATE_SUBGRAPH_REQUESTS: flagOn,
});

const gatewayConfigSchema = gatewaySchema.superRefine((config, ctx) => {
  if (config.SUBGRAPH_FETCHER === 'undici') return;
  for (const key of ['ORG_URL', 'DELIBERATION_URL', 'PROPERTY_URL', 'FUND_URL'] as const) {
    if (config[key].includes(',')) ctx.addIssue({ code: 'custom', path: [key], message: 'several instances need SUBGRAPH_FETCHER=undici' });
  }
});

export type GatewayConfig = z.infer<typeof gatewaySchema>;

/** The only reader of the environment for the gateway. */
export function loadConfig(env: Env = process.env): GatewayConfig {
  return readConfig('gateway', gatewayConfigSchema, env);
}

/** Subgraph name (as in the supergraph) → the URL this deployment reaches it at. */
export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return { org: config.ORG_URL, deliberation: config.DELIBERATION_URL, property: config.PROPERTY_URL, fund: config.FUND_URL };
}
