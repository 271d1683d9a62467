import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { deliberationModule, loadDeliberationConfig } from '@gongzhi/app-deliberation';
import { loadOrgConfig, orgModule } from '@gongzhi/app-org';
import { natsDurableName, natsStreamName, natsSubject, STREAMS } from '@gongzhi/contracts-events';
import { CreateAreaDocument, CreateCompoundDocument } from '@gongzhi/client';
import { bootSubgraph, eventually, graphqlRequest, OwnedNatsServer, tokenFor, uniquePrefix, type BootedSubgraph } from '@gongzhi/platform-testing';

/**
 * org → deliberation through the outbox, JetStream and the inbox, on a nats-server this file owns so that it
 * can take the broker away and bring it back.
 */
describe('events between services', () => {
  let nats: OwnedNatsServer;
  let org: BootedSubgraph;
  let deliberation: BootedSubgraph;
  let root: string;

  const mirrored = async (id: string): Promise<{ name: string } | undefined> => {
    const rows = (await deliberation.service.dataSource.query('SELECT name FROM org_node WHERE id = $1', [id])) as { name: string }[];
    return rows[0];
  };

  const createCompound = async (name: string): Promise<string> => {
    const result = await graphqlRequest(org.url, CreateCompoundDocument, { input: { communityCode: '510112001001', name } }, root);
    if (!result.data) throw new Error(result.errors?.[0]?.message);
    return result.data.createCompound.id;
  };

  beforeAll(async () => {
    nats = await OwnedNatsServer.start();
    const prefix = uniquePrefix();
    [org, deliberation] = await Promise.all([
      bootSubgraph(orgModule, loadOrgConfig, { prefix, natsUrl: nats.url }),
      bootSubgraph(deliberationModule, loadDeliberationConfig, { prefix, natsUrl: nats.url }),
    ]);
    root = await tokenFor('platform_admin', '/');
    for (const code of ['510112', '510112001', '510112001001']) {
      await graphqlRequest(org.url, CreateAreaDocument, { input: { code, name: `区域${code}` } }, root);
    }
  });

  afterAll(async () => {
    await Promise.all([org?.stop(), deliberation?.stop()]);
    await nats?.destroy();
  });

  it('carries a compound created in org into deliberation’s read model', async () => {
    const id = await createCompound('美景华庭');
    await expect(eventually(() => mirrored(id), 10_000, 'the compound in deliberation')).resolves.toEqual({ name: '美景华庭' });
  });

  it('applies an event delivered twice only once', async () => {
    const id = await createCompound('龙泉花园');
    await eventually(() => mirrored(id), 10_000, 'the compound in deliberation');
    const [{ envelope }] = (await org.service.dataSource.query(`SELECT envelope FROM outbox WHERE envelope->>'subject' = $1`, [id])) as {
      envelope: { id: string; type: string; data: { name: string } };
    }[];

    // The same event again, under a new message id so JetStream's de-duplication lets it through, and with a
    // changed payload: if the consumer applied it a second time, the name would change.
    const nc: NatsConnection = await connect({ servers: nats.url });
    try {
      const tampered = { ...envelope, data: { ...envelope.data, name: '被重复投递' } };
      const ack = await jetstream(nc).publish(natsSubject(org.prefix, envelope.type), JSON.stringify(tampered), { msgID: `redelivery-${id}` });
      const jsm = await jetstreamManager(nc);
      await eventually(async () => {
        const info = await jsm.consumers.info(natsStreamName(org.prefix, STREAMS.org), natsDurableName(org.prefix, 'deliberation-from-org'));
        return info.ack_floor.stream_seq >= ack.seq;
      }, 10_000, 'deliberation to acknowledge the redelivered copy');
    } finally {
      await nc.drain();
    }
    expect(await mirrored(id)).toEqual({ name: '龙泉花园' });
    const [{ n }] = await deliberation.service.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [envelope.id]);
    expect(n).toBe(1);
  });

  it('delivers events written while NATS is down once it is back, none lost', async () => {
    await nats.pause();
    const ids = [await createCompound('停机小区一'), await createCompound('停机小区二'), await createCompound('停机小区三')];
    const pending = await org.service.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    expect(pending[0].n).toBe(3);

    await nats.resume();
    for (const id of ids) await eventually(() => mirrored(id), 20_000, `compound ${id} in deliberation after the outage`);
    const [{ n }] = await org.service.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    expect(n).toBe(0);
  }, 40_000);
});
