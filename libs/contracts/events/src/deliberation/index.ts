export * from './matter-raised.v1';
export * from './matter-escalated.v1';
export * from './matter-closed.v1';
export * from './matter-evaluated.v1';
export * from './vote.v1';
