export * from './envelope';
export * from './streams';
export * from './scope';
export * from './org/area-created.v1';
export * from './org/compound-created.v1';
export * from './deliberation/matter-raised.v1';
export * from './property/company-registered.v1';
export * from './fund/fund-opened.v1';
