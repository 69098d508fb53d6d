// Web Push sender on WebCrypto alone (RFC 8030, 8188, 8291, 8292): runs in workerd and in Node 22.
export * from '../lib/base64url';
export * from './encrypt';
export * from './payload';
export * from './request';
export * from './send';
export * from './vapid';
