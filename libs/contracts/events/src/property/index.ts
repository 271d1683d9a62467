export * from './company-registered.v1';
export * from './company-red-listed.v1';
export * from './company-black-listed.v1';
export * from './company-delisted.v1';
export * from './assignment-started.v1';
export * from './assignment-ended.v1';
export * from './staff-member-registered.v1';
export * from './staff-member-ended.v1';
