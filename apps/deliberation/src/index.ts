export { deliberationModule } from './schema';
export { loadConfig as loadDeliberationConfig, DELIBERATION_DEFAULT_PORT } from './config';
export { TALLY_SQL } from './modules/vote/vote.service';
