export * from './database';
export * from './tokens';
export * from './graphql-client';
export * from './nats-server';
export * from './subgraph';
