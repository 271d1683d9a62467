export * from './naming-strategy';
export * from './data-source';
export * from './database-admin';
export * from './statement-count';
export * from './append-only';
