import { Hono } from 'hono';
import type { Env } from '../env';

/** /feeds: Atom, CAP 1.2 and PFIF for machines (API.md "Feeds, keys, widget"). No public feed yet: all 404. */
export const feeds = new Hono<{ Bindings: Env }>();
