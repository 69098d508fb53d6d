export * from './common';
export * from './subscription';
export * from './case';
export * from './alerts';
export * from './police';
export * from './users';
export * from './passkeys';
export * from './tips';
