export * from './logger';
export * from './context';
export * from './subgraph-module';
export * from './start-subgraph';
export * from './cli';
export * from './page-per-key';
export * from './revocation-feed';
