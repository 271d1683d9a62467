import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createEnvelope, natsSubject, orgAreaCreatedV1, orgCompoundCreatedV1, type EventContract } from '@gongzhi/contracts-events';
import { bootSubgraph, eventually, graphqlRequest, TEST_NATS_URL, tokenFor, type BootedSubgraph, type GraphQLResponse } from '@gongzhi/platform-testing';
import { fundModule, loadFundConfig } from '../src';

export const DISTRICT = '/510112/';
export const STREET = '/510112/510112001/';
export const COMMUNITY_CODE = '510112001001';
export const COMMUNITY = '/510112/510112001/510112001001/';
export const COMPOUND_A = `${COMMUNITY}510112001001001/`;
export const COMPOUND_B = `${COMMUNITY}510112001001002/`;

/**
 * The fund service on a database of its own, with org's tree (a district, a street, a community and two
 * compounds) delivered the way org delivers it: as events on JetStream.
 */
export class FundTestKit {
  readonly compoundA = randomUUID();
  readonly compoundB = randomUUID();
  admin!: string;
  private nc!: NatsConnection;

  private constructor(readonly fund: BootedSubgraph) {}

  static async start(): Promise<FundTestKit> {
    const kit = new FundTestKit(await bootSubgraph(fundModule, loadFundConfig));
    kit.nc = await connect({ servers: TEST_NATS_URL });
    kit.admin = await tokenFor('community_staff', COMMUNITY, 'staff-1');
    const district = randomUUID();
    const street = randomUUID();
    const community = randomUUID();
    await kit.publish(orgAreaCreatedV1, district, DISTRICT, { areaId: district, code: '510112', name: '龙泉驿区', level: 'DISTRICT', parentId: null, scopePath: DISTRICT });
    await kit.publish(orgAreaCreatedV1, street, STREET, { areaId: street, code: '510112001', name: '龙泉街道', level: 'STREET', parentId: district, scopePath: STREET });
    await kit.publish(orgAreaCreatedV1, community, COMMUNITY, {
      areaId: community,
      code: COMMUNITY_CODE,
      name: '美景社区',
      level: 'COMMUNITY',
      parentId: street,
      scopePath: COMMUNITY,
    });
    for (const [id, code, name, scopePath] of [
      [kit.compoundA, '510112001001001', '美景华庭', COMPOUND_A],
      [kit.compoundB, '510112001001002', '龙泉花园', COMPOUND_B],
    ] as const) {
      await kit.publish(orgCompoundCreatedV1, id, scopePath, { compoundId: id, code, name, communityId: community, communityCode: COMMUNITY_CODE, scopePath });
    }
    await eventually(async () => (await kit.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_node`))[0]!.n === 5, 10_000, 'org tree in the fund mirror');
    return kit;
  }

  get url(): string {
    return this.fund.url;
  }

  /** Publishes an event onto JetStream as its producer's relay would. */
  async publish<T>(contract: EventContract<T>, subject: string, scope: string, data: T): Promise<string> {
    const envelope = createEnvelope({ contract, subject, scope, data });
    await jetstream(this.nc).publish(natsSubject(this.fund.prefix, envelope.type), JSON.stringify(envelope), { msgID: envelope.id });
    return envelope.id;
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.fund.service.dataSource.query(sql, params) as Promise<T[]>;
  }

  request<T>(document: string, variables: Record<string, unknown>, token = this.admin): Promise<GraphQLResponse<T>> {
    return graphqlRequest<T>(this.url, document, variables, token);
  }

  /** Runs a mutation and returns its data, failing the test with the server's message otherwise. */
  async ok<T>(document: string, variables: Record<string, unknown>, token = this.admin): Promise<T> {
    const result = await this.request<T>(document, variables, token);
    if (!result.data || result.errors) throw new Error(`${result.errors?.[0]?.message ?? 'no data'} (${JSON.stringify(result.errors?.[0]?.extensions)})`);
    return result.data;
  }

  async openFund(input: Record<string, unknown>): Promise<string> {
    const data = await this.ok<{ openFund: { id: string } }>(`mutation($input: OpenFundInput!) { openFund(input: $input) { id } }`, { input });
    return data.openFund.id;
  }

  async stop(): Promise<void> {
    await this.nc?.drain();
    await this.fund?.stop();
  }
}
