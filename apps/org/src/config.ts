import { readConfig, serviceConfigSchema, type Env, type ServiceConfig } from '@gongzhi/platform-config';

export const ORG_DEFAULT_PORT = 4001;

/** The only reader of the environment for the org service. */
export function loadConfig(env: Env = process.env): ServiceConfig {
  return readConfig('org', serviceConfigSchema(ORG_DEFAULT_PORT), env);
}
