export * from './naming-strategy';
export * from './data-source';
export * from './database-admin';
