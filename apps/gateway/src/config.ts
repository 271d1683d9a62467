import { z } from 'zod';
import { baseEnv, readConfig, type Env } from '@gongzhi/platform-config';

const subgraphUrl = (port: number) => z.url().default(`http://127.0.0.1:${port}/graphql`);
const count = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);
const flag = z
  .enum(['true', 'false'])
  .default('false')
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
});

export type GatewayConfig = z.infer<typeof gatewaySchema>;

/** The only reader of the environment for the gateway. */
export function loadConfig(env: Env = process.env): GatewayConfig {
  return readConfig('gateway', gatewaySchema, env);
}

/** Subgraph name (as in the supergraph) → the URL this deployment reaches it at. */
export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return { org: config.ORG_URL, deliberation: config.DELIBERATION_URL, property: config.PROPERTY_URL, fund: config.FUND_URL };
}
