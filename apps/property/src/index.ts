export { propertyModule } from './schema';
export { loadConfig as loadPropertyConfig, PROPERTY_DEFAULT_PORT } from './config';
