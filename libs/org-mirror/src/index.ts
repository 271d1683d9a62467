export * from './org-node.entity';
export * from './org-mirror.migration';
export * from './org-mirror';
export * from './compound-ref.type';
