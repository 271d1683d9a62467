import 'reflect-metadata';
export * from './errors';
export * from './ids';
export * from './pagination';
export * from './subgraph';
export * from './http';
export * from './fixed-windows';
