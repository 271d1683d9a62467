export { fundModule } from './schema';
export { loadConfig as loadFundConfig, FUND_DEFAULT_PORT } from './config';
