import { getMetadataStorage } from 'type-graphql';
import { fundModule } from '@gongzhi/app-fund';
import { deliberationModule } from '@gongzhi/app-deliberation';
import { orgModule } from '@gongzhi/app-org';
import { propertyModule } from '@gongzhi/app-property';
import { isCapability, isRole } from '@gongzhi/platform-auth';

/**
 * Root operations open to every authenticated role inside its scopes (`@Authorized()`), and why. Everything
 * else asks for a capability of the role policy (`@Requires`), so a new query or mutation that forgets to is
 * caught here: the isolation matrix checks scopes, not roles.
 */
const OPEN_TO_EVERY_ROLE: Record<string, string> = {
  areas: 'the administrative tree is public',
  compound: 'compounds are public',
  compounds: 'compounds are public',
  grid: 'grids and their workers are posted in the community',
  grids: 'grids and their workers are posted in the community',
  governanceBody: 'self-governance bodies and their members’ posts are published (公示)',
  governanceBodies: 'self-governance bodies and their members’ posts are published (公示)',
  buildingLeaders: 'building and unit leaders are posted in their buildings',
  patrolSchedules: 'patrol schedules are posted',
  sharedSpaces: 'shared spaces are open to the community',
  partyOrganizations: 'the party organization’s structure is public',
  partyBuildingInstructors: 'instructors assigned to property companies are public',
  matters: 'matters are public in their compound (晒事); the raiser is never shown',
  overdueMatters: 'answer deadlines are public (件件有回音)',
  conventions: 'conventions are public documents',
  evaluationAverages: 'residents’ ratings are published per handler, category, compound',
  guideCatalog: 'the guide catalog is public',
  meetings: 'consultation meetings and their minutes are public',
  votes: 'votes and their results are published (公示)',
  vote: 'votes and their results are published (公示)',
  serviceAssignments: 'which company serves a compound is public',
  propertyCompanies: 'companies are public',
  creditLists: 'credit lists concern companies, not persons',
  creditList: 'credit lists concern companies, not persons',
  propertyEvidence: 'evidence about companies carries no personal data',
  ruleCatalogues: 'the rule catalogue is public',
  funds: 'funds and their configuration are public',
  thankYouList: 'the thank-you list is public; anonymous donors are left unnamed in SQL',
  disclosures: 'disclosures (公示) are public',
  disclosure: 'disclosures (公示) are public',
  donationsBySource: 'totals by source, no donor names',
  publicFundReport: 'the public report has no personal data',
  pointsRules: 'what volunteering earns is public',
  pointsCatalogue: 'what points buy is public',
};

/** Root operations that need no token at all, and why. */
const PUBLIC: Record<string, string> = {
  publicCreditList: 'the published red/black list (红黑榜) is public by design',
  raiseMatterWithIntakeCode: 'the posted QR code (码上办) is the authority; read-only callers are still refused',
};

describe('the authorization of every query and mutation', () => {
  void [orgModule, deliberationModule, propertyModule, fundModule];
  const storage = getMetadataStorage();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const rolesOf = (target: Function, name: string) => storage.authorizedFields.find((a) => a.target === target && a.fieldName === name)?.roles as string[] | undefined;
  const operations = [...storage.queries, ...storage.mutations].map((handler) => ({ name: handler.schemaName, roles: rolesOf(handler.target, handler.methodName) }));

  it('asks for a capability of the role policy, unless listed as open to every role or public', () => {
    expect(operations.length).toBeGreaterThan(120);
    expect(operations.filter((op) => op.roles?.length === 0).map((op) => op.name).sort()).toEqual(Object.keys(OPEN_TO_EVERY_ROLE).sort());
    expect(operations.filter((op) => op.roles === undefined).map((op) => op.name).sort()).toEqual(Object.keys(PUBLIC).sort());
  });

  it('names only capabilities and roles that exist', () => {
    const unknown = storage.authorizedFields.flatMap((field) => (field.roles as string[]).filter((entry) => !isCapability(entry) && !isRole(entry)).map((entry) => `${field.fieldName}: ${entry}`));
    expect(unknown).toEqual([]);
  });
});
