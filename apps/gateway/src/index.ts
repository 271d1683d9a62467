export { startGateway, type RunningGateway } from './gateway';
export { loadConfig as loadGatewayConfig, type GatewayConfig } from './config';
export { composeSupergraph } from './compose';
export { API_SCHEMA_PATH, readWorkspace, subgraphProjects, SUPERGRAPH_PATH, WORKSPACE_ROOT } from './workspace';
