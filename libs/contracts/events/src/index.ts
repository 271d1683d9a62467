export * from './envelope';
export * from './streams';
export * from './scope';
export * from './vote-subject';
export * from './org';
export * from './deliberation';
export * from './property';
export * from './fund';
