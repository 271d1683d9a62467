export * from './fund-opened.v1';
export * from './vote-requested.v1';
