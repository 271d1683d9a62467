import { deliberationModule, loadDeliberationConfig } from '@gongzhi/app-deliberation';
import { fundModule, loadFundConfig } from '@gongzhi/app-fund';
import { loadGatewayConfig, startGateway, type RunningGateway } from '@gongzhi/app-gateway';
import { loadOrgConfig, orgModule } from '@gongzhi/app-org';
import { loadPropertyConfig, propertyModule } from '@gongzhi/app-property';
import { bootSubgraph, uniquePrefix, type BootedSubgraph } from '@gongzhi/platform-testing';

export interface Graph {
  gateway: RunningGateway;
  org: BootedSubgraph;
  deliberation: BootedSubgraph;
  property: BootedSubgraph;
  fund: BootedSubgraph;
  stop(): Promise<void>;
}

type GatewayEnv = Record<string, string | undefined>;

/** A gateway in front of the graph's subgraphs; `env` overrides its settings (limits, NODE_ENV, allow-list mode…). */
export function startGatewayFor(subgraphs: Pick<Graph, 'org' | 'deliberation' | 'property' | 'fund'>, env: GatewayEnv = {}): Promise<RunningGateway> {
  return startGateway(
    loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '0',
      ORG_URL: subgraphs.org.url,
      DELIBERATION_URL: subgraphs.deliberation.url,
      PROPERTY_URL: subgraphs.property.url,
      FUND_URL: subgraphs.fund.url,
      // Suites drive thousands of requests from one address and a handful of subjects; the attack corpus tests
      // the rate limits on a gateway of its own.
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_IDENTITY: '0',
      ...env,
    }),
  );
}

/** The whole system for one test file: four subgraphs on databases of their own, one run prefix, a gateway. */
export async function bootGraph(natsUrl?: string, gatewayEnv?: GatewayEnv): Promise<Graph> {
  const prefix = uniquePrefix();
  const [org, deliberation, property, fund] = await Promise.all([
    bootSubgraph(orgModule, loadOrgConfig, { prefix, natsUrl }),
    bootSubgraph(deliberationModule, loadDeliberationConfig, { prefix, natsUrl }),
    bootSubgraph(propertyModule, loadPropertyConfig, { prefix, natsUrl }),
    bootSubgraph(fundModule, loadFundConfig, { prefix, natsUrl }),
  ]);
  const gateway = await startGatewayFor({ org, deliberation, property, fund }, gatewayEnv);
  return {
    gateway,
    org,
    deliberation,
    property,
    fund,
    stop: async () => {
      await gateway.stop();
      await Promise.all([org.stop(), deliberation.stop(), property.stop(), fund.stop()]);
    },
  };
}
