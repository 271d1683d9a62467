export * from './area-created.v1';
export * from './compound-created.v1';
export * from './dwelling-registered.v1';
export * from './dwelling-changed.v1';
export * from './ownership-changed.v1';
export * from './resident-moved.v1';
export * from './body-member.v1';
export * from './volunteer-service-recorded.v1';
