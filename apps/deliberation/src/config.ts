import { readConfig, serviceConfigSchema, type Env, type ServiceConfig } from '@gongzhi/platform-config';

export const DELIBERATION_DEFAULT_PORT = 4002;

/** The only reader of the environment for the deliberation service. */
export function loadConfig(env: Env = process.env): ServiceConfig {
  return readConfig('deliberation', serviceConfigSchema(DELIBERATION_DEFAULT_PORT), env);
}
