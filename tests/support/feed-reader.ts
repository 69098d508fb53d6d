import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter: python3-feedparser is installed for it (.ci/run), not for another python3 on PATH. */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./feed-reader.py', import.meta.url));

export interface ReaderEntry {
	id: string | null;
	title: string | null;
	summary: string | null;
	summary_type: string | null;
	updated: string | null;
	content_types: string[];
	tags: string[];
	language: string | null;
	cap_identifier: string | null;
	cap_msgtype: string | null;
}

export interface ReaderFeed {
	version: string;
	bozo: boolean;
	bozo_exception: string;
	feed_title: string | null;
	feed_language: string | null;
	entries: ReaderEntry[];
}

/** An Atom document as Python's feedparser (an independent, widely used feed reader) understands it. */
export function readFeed(xml: string): ReaderFeed {
	const out = execFileSync(PYTHON, [SCRIPT], { input: xml, encoding: 'utf8' });
	return JSON.parse(out) as ReaderFeed;
}
