import { Hono } from 'hono';
import type { Env } from '../env';

/** /.well-known: documents other systems look up by convention (API.md: the signing keys). None yet: all 404. */
export const wellKnown = new Hono<{ Bindings: Env }>();
