export * from './geohash';
export * from './distance';
export * from './covering';
export * from './cells';
