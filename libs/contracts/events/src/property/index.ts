export * from './company-registered.v1';
