export * from './migration';
export * from './outbox';
export * from './relay';
export * from './consumer';
export * from './nats';
