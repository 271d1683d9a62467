export * from './roles';
export * from './user';
export * from './scope';
export * from './tokens';
export * from './auth-checker';
