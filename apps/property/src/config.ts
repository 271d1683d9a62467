import { readConfig, serviceConfigSchema, type Env, type ServiceConfig } from '@gongzhi/platform-config';

export const PROPERTY_DEFAULT_PORT = 4003;

/** The only reader of the environment for the property service. */
export function loadConfig(env: Env = process.env): ServiceConfig {
  return readConfig('property', serviceConfigSchema(PROPERTY_DEFAULT_PORT), env);
}
