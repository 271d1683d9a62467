import { capabilitiesOf, CAPABILITIES, POLICY, POLICY_SERVICES, readOnlyRoles, rolesWith, type Capability } from './policy';
import { ROLES, type Role } from './roles';

/** The markers in docs/security.md between which the generated tables stand. */
export const POLICY_TABLE_BEGIN = '<!-- role-policy:begin — generated from libs/platform/auth/src/policy.ts by tools/security/role-table.ts; do not edit by hand -->';
export const POLICY_TABLE_END = '<!-- role-policy:end -->';

const ROLE_NAMES: Readonly<Record<Role, string>> = {
  platform_admin: '平台管理员',
  district_admin: '区级管理员',
  street_admin: '街道管理员',
  community_staff: '社区工作者',
  grid_worker: '网格员',
  party_secretary: '党组织书记',
  committee_member: '业委会委员',
  property_staff: '物业企业员工',
  resident: '居民/业主',
  auditor: '审计',
  city_platform: '城市平台 (machine client)',
};

const code = (text: string) => `\`${text}\``;

function cell(role: Role, service: (typeof POLICY_SERVICES)[number]): string {
  const held = capabilitiesOf(role).filter((capability) => POLICY[capability].service === service);
  const reads = held.filter((capability) => POLICY[capability].kind === 'read');
  const writes = held.filter((capability) => POLICY[capability].kind === 'write');
  const parts = [reads.length ? `reads ${reads.map(code).join(', ')}` : '', writes.length ? `writes ${writes.map(code).join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : '—';
}

function capabilityRow(capability: Capability): string {
  const rule = POLICY[capability];
  return `| ${code(capability)} | ${rule.service} | ${rule.kind} | ${rule.covers} | ${rolesWith(capability).map(code).join(', ')} |`;
}

/** The roles table and the capabilities table, as markdown, from the policy. */
export function renderPolicyTables(): string {
  const roleRows = ROLES.map((role) => `| ${code(role)} ${ROLE_NAMES[role]} | ${POLICY_SERVICES.map((service) => cell(role, service)).join(' | ')} |`);
  return [
    `| role | ${POLICY_SERVICES.join(' | ')} |`,
    `| --- | ${POLICY_SERVICES.map(() => '---').join(' | ')} |`,
    ...roleRows,
    '',
    `Read-only roles (refused on every mutation with \`READ_ONLY_ROLE\`): ${readOnlyRoles().map(code).join(', ')}.`,
    '',
    '| capability | service | kind | covers | roles |',
    '| --- | --- | --- | --- | --- |',
    ...CAPABILITIES.map(capabilityRow),
  ].join('\n');
}

/** The document with the generated tables put between the markers; throws when the markers are missing. */
export function withPolicyTables(document: string): string {
  const begin = document.indexOf(POLICY_TABLE_BEGIN);
  const end = document.indexOf(POLICY_TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`the document lacks the markers ${POLICY_TABLE_BEGIN} … ${POLICY_TABLE_END}`);
  return `${document.slice(0, begin + POLICY_TABLE_BEGIN.length)}\n${renderPolicyTables()}\n${document.slice(end)}`;
}
