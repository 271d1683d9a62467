export * from './read-config';
export * from './fragments';
