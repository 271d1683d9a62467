import { readConfig, serviceConfigSchema, type Env, type ServiceConfig } from '@gongzhi/platform-config';

export const FUND_DEFAULT_PORT = 4004;

/** The only reader of the environment for the fund service. */
export function loadConfig(env: Env = process.env): ServiceConfig {
  return readConfig('fund', serviceConfigSchema(FUND_DEFAULT_PORT), env);
}
