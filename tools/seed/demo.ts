import {
  AreasDocument,
  CompoundsDocument,
  CreateAreaDocument,
  CreateCompoundDocument,
  OpenFundDocument,
  RaiseMatterDocument,
  RegisterPropertyCompanyDocument,
} from '@gongzhi/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { devToken } from '../dev/dev-keys';

/**
 * A small demo district for `npm start`: Longquanyi (龙泉驿区) with two streets, four communities, eight
 * compounds, two property companies, a few matters and funds. Loaded through the gateway like any client
 * would; a second run finds the district and changes nothing.
 */
const AREAS = [
  ['510112', '龙泉驿区'],
  ['510112001', '龙泉街道'],
  ['510112001001', '美景社区'],
  ['510112001002', '西河社区'],
  ['510112002', '大面街道'],
  ['510112002001', '洪河社区'],
  ['510112002002', '青台山社区'],
] as const;

const COMPOUNDS = [
  ['510112001001', '美景华庭', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', 2008],
  ['510112001001', '龙泉花园', 'OLD_COMPOUND', 'SELF_MANAGED', 1996],
  ['510112001002', '西河小区', 'RESETTLEMENT', 'TRUST_BASED', 2012],
  ['510112001002', '西河苑', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', 2016],
  ['510112002001', '洪河花园', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', 2010],
  ['510112002001', '洪河北苑', 'WORK_UNIT', 'NONE', 1989],
  ['510112002002', '青台山居', 'RESETTLEMENT', 'TRUST_BASED', 2015],
  ['510112002002', '青台雅苑', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', 2019],
] as const;

const MATTERS = [
  ['美景华庭', '电瓶车进电梯屡禁不止', 'EBIKES_IN_LIFTS'],
  ['美景华庭', '夜间遛狗不牵绳', 'DOGS'],
  ['龙泉花园', '3 栋高空抛物', 'OBJECTS_FROM_HEIGHT'],
  ['西河小区', '地面停车位不足', 'PARKING'],
  ['洪河花园', '垃圾分类点清运不及时', 'HYGIENE'],
] as const;

async function call<T, V>(url: string, token: string, document: TypedDocumentNode<T, V>, variables: V): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { reason?: string } }[] };
  if (body.errors?.length) {
    const error = new Error(body.errors.map((e) => e.message).join('; ')) as Error & { reason?: string };
    error.reason = body.errors[0]?.extensions?.reason;
    throw error;
  }
  return body.data as T;
}

/** Retries while the other services have not yet mirrored a compound org just created (events are async). */
async function whenMirrored<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries > 100 || !/^UNKNOWN_(COMPOUND|AREA_CODE)$/.test(String((error as { reason?: string }).reason))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function main(): Promise<void> {
  const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const admin = await devToken(['platform_admin'], ['/'], 'demo-seed', '10m');
  const existing = await call(url, admin, AreasDocument, { level: 'DISTRICT', first: 100 });
  if (existing.areas.nodes.some((area) => area.code === '510112')) {
    process.stdout.write('demo district 510112 already loaded\n');
    return;
  }
  for (const [code, name] of AREAS) await call(url, admin, CreateAreaDocument, { input: { code, name } });
  for (const [communityCode, name, type, managementMode, builtYear] of COMPOUNDS) {
    await call(url, admin, CreateCompoundDocument, { input: { communityCode, name, type, managementMode, builtYear } });
  }
  const compounds = await call(url, admin, CompoundsDocument, { first: 100 });
  const idOf = (name: string) => compounds.compounds.nodes.find((c) => c.name === name)!.id;

  const district = await devToken(['district_admin'], ['/510112/'], 'demo-seed', '10m');
  await whenMirrored(() => call(url, district, RegisterPropertyCompanyDocument, { input: { name: '成都美景物业服务有限公司', creditCode: '91350100M000100Y43', districtCode: '510112' } }));
  await whenMirrored(() => call(url, district, RegisterPropertyCompanyDocument, { input: { name: '龙泉红色物业服务有限公司', creditCode: '91110000600037341L', districtCode: '510112' } }));
  for (const [compound, title, category] of MATTERS) {
    await whenMirrored(() => call(url, admin, RaiseMatterDocument, { input: { compoundId: idOf(compound), title, category } }));
  }
  await whenMirrored(() => call(url, admin, OpenFundDocument, { input: { name: '美景社区微基金', kind: 'COMMUNITY_MICRO_FUND', communityCode: '510112001001' } }));
  await whenMirrored(() => call(url, admin, OpenFundDocument, { input: { name: '西河小区信托制物业账户', kind: 'TRUST_PROPERTY_ACCOUNT', compoundId: idOf('西河小区') } }));
  await whenMirrored(() => call(url, admin, OpenFundDocument, { input: { name: '青台山社区志愿服务积分', kind: 'VOLUNTEER_POINTS', communityCode: '510112002002' } }));
  process.stdout.write(`demo district 510112 loaded: ${AREAS.length} areas, ${COMPOUNDS.length} compounds, ${MATTERS.length} matters, 3 funds, 2 companies\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
