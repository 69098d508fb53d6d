import { Hono } from 'hono';
import type { Env } from '../env';

/** /widget.js: the embeddable alert element (API.md "Feeds, keys, widget"). Not built yet: 404. */
export const widget = new Hono<{ Bindings: Env }>();
