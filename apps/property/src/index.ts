export { propertyModule } from './schema';
export { loadConfig as loadPropertyConfig, PROPERTY_DEFAULT_PORT } from './config';
export { CreditListService } from './modules/credit-list/credit-list.service';
export { EXAMPLE_RULES_V1, EXAMPLE_RULES_V2 } from './modules/rules/example-rules';
export type { CreditRules } from './modules/rules/rules';
