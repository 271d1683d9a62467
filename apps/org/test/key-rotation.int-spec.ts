import { createCipheriv, randomBytes } from 'node:crypto';
import { idNumberCheckCharacter } from '@gongzhi/standards';
import { startSubgraph, type RunningSubgraph } from '@gongzhi/platform-service';
import { bootSubgraph, graphqlRequest, testServiceEnv, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { loadOrgConfig, orgModule, PersonalDataCipher, PersonalDataReencryption } from '../src';

function idNumber(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

/** A ciphertext as the service wrote it before keyrings (`v1.<iv>.<tag>.<data>`, no key id). */
function sealedBeforeKeyrings(keyBase64: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyBase64, 'base64'), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

const REGISTER_RESIDENT = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;
const RESIDENT_IN_FULL = `query($id: ID!) { resident(id: $id) { idNumber(purpose: "核实低保申请") phone(purpose: "核实低保申请") } }`;
const OWNERS_IN_FULL = `query($compoundId: ID!) { dwellings(compoundId: $compoundId) { nodes { owners { owner { name idNumber(purpose: "核对业主身份") } } } } }`;

describe('key rotation of personal data (个人信息密钥轮换)', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const hashKey = randomBytes(32).toString('base64');
  const chen = { name: '陈阿姨', idNumber: idNumber('110105', '19491231', '123'), phone: '13812345678' };
  const li = { name: '李叔', idNumber: idNumber('510112', '19800101', '246'), phone: '13987654321' };
  const wang = { name: '王姐', idNumber: idNumber('510112', '19850505', '357'), phone: '13700001111' };
  const zhang = { name: '张三', idNumber: idNumber('510112', '19700707', '468') };

  let booted: BootedSubgraph;
  let org: RunningSubgraph;
  let district: string;
  let staff: string;
  let compoundId: string;
  const residentIds: Record<string, string> = {};

  /** Restarts the service on the same database with another keyring, as a redeploy would. */
  async function restartWith(keys: string): Promise<void> {
    await org.stop();
    org = await startSubgraph(orgModule, loadOrgConfig({ ...(await testServiceEnv(booted.database.url, booted.prefix)), PII_ENCRYPTION_KEYS: keys, PII_HASH_KEY: hashKey }));
  }

  async function register(person: { name: string; idNumber: string; phone: string }): Promise<string> {
    const created = await graphqlRequest<{ registerResident: { id: string } }>(org.url, REGISTER_RESIDENT, { input: { communityCode: '510112001001', householdRegistration: 'LOCAL', ...person } }, staff);
    expect(created.errors).toBeUndefined();
    return (residentIds[person.name] = created.data!.registerResident.id);
  }

  async function expectEveryoneReadable(): Promise<void> {
    for (const person of [chen, li, wang]) {
      const read = await graphqlRequest<{ resident: { idNumber: string; phone: string } }>(org.url, RESIDENT_IN_FULL, { id: residentIds[person.name] }, district);
      expect(read.errors).toBeUndefined();
      expect(read.data!.resident).toEqual({ idNumber: person.idNumber, phone: person.phone });
    }
    const owners = await graphqlRequest<{ dwellings: { nodes: { owners: { owner: { name: string; idNumber: string } }[] }[] } }>(org.url, OWNERS_IN_FULL, { compoundId }, district);
    expect(owners.errors).toBeUndefined();
    expect(owners.data!.dwellings.nodes.flatMap((d) => d.owners.map((o) => o.owner))).toEqual([{ name: zhang.name, idNumber: zhang.idNumber }]);
  }

  const reencryption = (keys: string) => new PersonalDataReencryption(org.dataSource, new PersonalDataCipher(keys, hashKey));

  async function lookupHashes(): Promise<unknown[]> {
    return org.dataSource.query(`SELECT id_number_hash, phone_hash FROM resident UNION ALL SELECT identity_key, NULL FROM owner ORDER BY 1`);
  }

  beforeAll(async () => {
    // Deployed before keyrings: one PII_ENCRYPTION_KEY, which is k1.
    booted = await bootSubgraph(orgModule, loadOrgConfig, { env: { PII_ENCRYPTION_KEY: k1, PII_HASH_KEY: hashKey } });
    org = booted.service;
    const admin = await tokenFor('platform_admin', '/');
    for (const code of ['510112', '510112001', '510112001001']) {
      const created = await graphqlRequest(org.url, `mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name: `区域${code}` } }, admin);
      expect(created.errors).toBeUndefined();
    }
    const compound = await graphqlRequest<{ createCompound: { id: string } }>(org.url, `mutation { createCompound(input: { communityCode: "510112001001", name: "美景华庭" }) { id } }`, {}, admin);
    compoundId = compound.data!.createCompound.id;
    const dwelling = await graphqlRequest<{ registerDwelling: { id: string } }>(
      org.url,
      `mutation($input: RegisterDwellingInput!) { registerDwelling(input: $input) { id } }`,
      { input: { compoundId, building: '1', unit: '1', roomNumber: '101', exclusiveArea: 10_000 } },
      admin,
    );
    expect(dwelling.errors).toBeUndefined();
    const owners = await graphqlRequest(
      org.url,
      `mutation($input: SetDwellingOwnersInput!) { setDwellingOwners(input: $input) { id } }`,
      { input: { dwellingId: dwelling.data!.registerDwelling.id, owners: [{ kind: 'PERSON', ...zhang }] } },
      admin,
    );
    expect(owners.errors).toBeUndefined();
    staff = await tokenFor('community_staff', '/510112/510112001/510112001001/');
    district = await tokenFor('district_admin', '/510112/', 'district-zhao');
    await register(chen);
    await register(li);
    // The owner's number as the service stored it before keyrings.
    await org.dataSource.query(`UPDATE owner SET id_number_cipher = $1`, [sealedBeforeKeyrings(k1, zhang.idNumber)]);
  });

  afterAll(async () => {
    await org?.stop();
    await booted?.database.drop();
  });

  it('reads what k1 sealed after k2 becomes current, and seals new numbers with k2', async () => {
    await restartWith(`k2:${k2},k1:${k1}`);
    await register(wang);
    await expectEveryoneReadable();
    const sealed = (await org.dataSource.query(`SELECT name, id_number_cipher, phone_cipher FROM resident ORDER BY name`)) as { name: string; id_number_cipher: string; phone_cipher: string }[];
    expect(sealed.map((row) => [row.name, row.id_number_cipher.slice(0, 6), row.phone_cipher.slice(0, 6)])).toEqual(
      [
        [chen.name, 'v2.k1.', 'v2.k1.'],
        [li.name, 'v2.k1.', 'v2.k1.'],
        [wang.name, 'v2.k2.', 'v2.k2.'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    expect(await reencryption(`k2:${k2},k1:${k1}`).ciphertextsByKey()).toEqual([
      { kid: 'k1', ciphertexts: 5 },
      { kid: 'k2', ciphertexts: 2 },
    ]);
  });

  it('refuses to re-encrypt without the key a ciphertext names, saying which, and changes nothing', async () => {
    const before = await reencryption(`k2:${k2}`).ciphertextsByKey();
    await expect(reencryption(`k2:${k2}`).run()).rejects.toThrow(/^resident [0-9a-f-]{36} id_number_cipher: ciphertext sealed by key "k1", which is not in the keyring \(k2\)/);
    expect(await reencryption(`k2:${k2}`).ciphertextsByKey()).toEqual(before);
  });

  it('re-encrypts resumably in batches, skipping locked rows, until no ciphertext names k1 and k2 alone reads everything', async () => {
    const hashes = await lookupHashes();
    const keyring = `k2:${k2},k1:${k1}`;

    // Interrupted after its first committed batch of one row: that row stays done.
    await expect(
      reencryption(keyring).run({
        batchSize: 1,
        onBatch: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await reencryption(keyring).ciphertextsByKey()).toEqual([
      { kid: 'k1', ciphertexts: 3 },
      { kid: 'k2', ciphertexts: 4 },
    ]);

    // A writer holds the last stale resident: it is skipped and reported, not waited for.
    const writer = org.dataSource.createQueryRunner();
    await writer.startTransaction();
    await writer.query(`SELECT id FROM resident WHERE starts_with(id_number_cipher, 'v2.k1.') FOR UPDATE`);
    const whileLocked = await reencryption(keyring).run({ batchSize: 2 });
    await writer.rollbackTransaction();
    await writer.release();
    expect(whileLocked).toEqual([
      { table: 'resident', rows: 0, ciphertexts: 0, remaining: 1 },
      { table: 'owner', rows: 1, ciphertexts: 1, remaining: 0 },
    ]);

    expect(await reencryption(keyring).run({ batchSize: 2 })).toEqual([
      { table: 'resident', rows: 1, ciphertexts: 2, remaining: 0 },
      { table: 'owner', rows: 0, ciphertexts: 0, remaining: 0 },
    ]);
    expect(await reencryption(keyring).ciphertextsByKey()).toEqual([{ kid: 'k2', ciphertexts: 7 }]);
    expect(await lookupHashes()).toEqual(hashes);

    // k1 retired: the service runs with k2 alone and every number still reads in full.
    await restartWith(`k2:${k2}`);
    await expectEveryoneReadable();
  });
});
