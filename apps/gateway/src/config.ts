import { z } from 'zod';
import { baseEnv, readConfig, type Env } from '@gongzhi/platform-config';

const subgraphUrl = (port: number) => z.url().default(`http://127.0.0.1:${port}/graphql`);

const gatewaySchema = z.object({
  ...baseEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  ORG_URL: subgraphUrl(4001),
  DELIBERATION_URL: subgraphUrl(4002),
  PROPERTY_URL: subgraphUrl(4003),
  FUND_URL: subgraphUrl(4004),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).default(1_000_000),
  SUPERGRAPH_PATH: z.string().optional(),
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
