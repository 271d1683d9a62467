export { deliberationModule } from './schema';
export { loadConfig as loadDeliberationConfig, DELIBERATION_DEFAULT_PORT } from './config';
