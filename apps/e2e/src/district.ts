import { CreateAreaDocument, CreateCompoundDocument } from '@gongzhi/client';
import { graphqlRequest } from '@gongzhi/platform-testing';

/** Longquanyi district (510112) with two streets, three communities and one compound in each community. */
export const DISTRICT = {
  areas: [
    { code: '510112', name: '龙泉驿区' },
    { code: '510112001', name: '龙泉街道' },
    { code: '510112001001', name: '美景社区' },
    { code: '510112001002', name: '西河社区' },
    { code: '510112002', name: '大面街道' },
    { code: '510112002001', name: '洪河社区' },
  ],
  compounds: [
    { communityCode: '510112001001', name: '美景华庭' },
    { communityCode: '510112001002', name: '西河小区' },
    { communityCode: '510112002001', name: '洪河花园' },
  ],
};

/** Creates the district through the gateway; returns compound ids by name. */
export async function createDistrict(gatewayUrl: string, token: string): Promise<Record<string, string>> {
  for (const input of DISTRICT.areas) {
    const result = await graphqlRequest(gatewayUrl, CreateAreaDocument, { input }, token);
    if (result.errors) throw new Error(`createArea ${input.code}: ${result.errors[0]!.message}`);
  }
  const ids: Record<string, string> = {};
  for (const input of DISTRICT.compounds) {
    const result = await graphqlRequest(gatewayUrl, CreateCompoundDocument, { input }, token);
    if (result.errors || !result.data) throw new Error(`createCompound ${input.name}: ${result.errors?.[0]?.message}`);
    ids[input.name] = result.data.createCompound.id;
  }
  return ids;
}
