import { cors } from 'hono/cors';

/**
 * Public reads are embeddable from any site (API.md: CORS `*` on GET), and so is their preflight: a page on
 * another origin that revalidates with `If-None-Match` asks first, and gets the same answer on /api, /feeds,
 * /.well-known, /widget.js and /embed. Writes stay same-origin.
 */
export const publicCors = cors({ origin: '*', allowMethods: ['GET'], maxAge: 86400 });
