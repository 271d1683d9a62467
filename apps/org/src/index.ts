export { orgModule } from './schema';
export { loadConfig as loadOrgConfig, ORG_DEFAULT_PORT, type OrgConfig } from './config';
