export * from './base64url';
export * from './encrypt';
export * from './vapid';
export * from './request';
export * from './send';
