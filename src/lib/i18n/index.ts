export * from './translate';
export * from './context';
