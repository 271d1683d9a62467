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

/** The whole system for one test file: four subgraphs on databases of their own, one run prefix, a gateway. */
export async function bootGraph(natsUrl?: string): Promise<Graph> {
  const prefix = uniquePrefix();
  const [org, deliberation, property, fund] = await Promise.all([
    bootSubgraph(orgModule, loadOrgConfig, { prefix, natsUrl }),
    bootSubgraph(deliberationModule, loadDeliberationConfig, { prefix, natsUrl }),
    bootSubgraph(propertyModule, loadPropertyConfig, { prefix, natsUrl }),
    bootSubgraph(fundModule, loadFundConfig, { prefix, natsUrl }),
  ]);
  const gateway = await startGateway(
    loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '0',
      ORG_URL: org.url,
      DELIBERATION_URL: deliberation.url,
      PROPERTY_URL: property.url,
      FUND_URL: fund.url,
    }),
  );
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
