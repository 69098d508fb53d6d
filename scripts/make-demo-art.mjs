#!/usr/bin/env node
// Writes the demo cases' pictures (committed output): flat cartoon portraits that nobody could take for a
// photograph of a real child, each stamped "示例 DEMO" in a corner. Rerun after changing a design below.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'demo');

// Head centred at (200, 230), 92 × 100 radii: every hair shape below is drawn against that.
const HAIR = {
	// Behind the head (drawn first) and in front of it (drawn after the face's skin).
	short: {
		back: '',
		front:
			'M106 232C96 150 146 116 200 116S304 150 294 232C282 196 262 176 236 170C214 186 170 190 132 176C118 190 110 206 106 232Z'
	},
	bob: {
		back: 'M96 220C92 140 140 108 200 108S308 140 304 220V330C304 344 290 350 276 344V236H124V344C110 350 96 344 96 330Z',
		front:
			'M106 226C98 148 146 114 200 114S302 148 294 226C292 206 286 192 280 186H120C114 192 108 206 106 226Z'
	},
	pigtails: {
		back: 'M88 214m-34 0a34 42 0 1 0 68 0a34 42 0 1 0-68 0M312 214m-34 0a34 42 0 1 0 68 0a34 42 0 1 0-68 0',
		front:
			'M106 228C98 150 146 116 200 116S302 150 294 228C286 198 270 182 250 176L200 192L150 176C130 182 114 198 106 228Z'
	},
	ponytail: {
		back: 'M270 150C330 150 352 220 330 300C322 330 300 336 296 318C314 260 306 200 262 184Z',
		front: 'M106 230C98 150 146 116 200 116S302 150 294 230C270 190 232 170 188 178C150 184 122 200 106 230Z'
	},
	spiky: {
		back: '',
		front:
			'M106 230C96 160 130 120 160 118L172 96L194 116L214 92L232 116L256 100L262 126C292 138 304 180 294 230C286 200 270 184 250 180L230 192L210 178L190 192L170 178L150 192L130 182C118 194 110 210 106 230Z'
	},
	long: {
		back: 'M94 222C90 140 140 106 200 106S310 140 306 222L316 400H84Z',
		front:
			'M106 230C98 150 146 114 200 114S302 150 294 230C284 196 256 174 214 170C202 196 160 200 124 194C116 206 110 216 106 230Z'
	},
	bun: {
		back: 'M200 96m-40 0a40 34 0 1 0 80 0a40 34 0 1 0-80 0',
		front:
			'M106 228C98 150 146 116 200 116S302 150 294 228C284 196 262 178 230 172L200 188L170 172C138 178 116 196 106 228Z'
	},
	cap: {
		back: '',
		front: 'M104 210C104 142 148 112 200 112S296 142 296 210ZM104 198H340C348 198 350 214 340 214H104Z'
	}
};

const CHILDREN = [
	{ hair: 'short', hairColour: '#2b2220', skin: '#f3d2b3', shirt: '#3b82c4', bg: '#e6f0f8', collar: 'tee' },
	{
		hair: 'pigtails',
		hairColour: '#1f1a18',
		skin: '#f0c9a6',
		shirt: '#e0607e',
		bg: '#fbe9ee',
		collar: 'round'
	},
	{ hair: 'spiky', hairColour: '#3a2a22', skin: '#e8bf98', shirt: '#f2a93b', bg: '#fdf1dc', collar: 'hood' },
	{
		hair: 'bob',
		hairColour: '#2a1f1d',
		skin: '#f6dcc2',
		shirt: '#5aa27c',
		bg: '#e5f3ea',
		collar: 'round',
		glasses: true
	},
	{
		hair: 'cap',
		hairColour: '#231c1a',
		skin: '#eac4a0',
		shirt: '#6c63b8',
		bg: '#ecebf8',
		collar: 'tee',
		capColour: '#d94b3b'
	},
	{
		hair: 'ponytail',
		hairColour: '#3b2b24',
		skin: '#f2cfae',
		shirt: '#2f9aa0',
		bg: '#e2f3f3',
		collar: 'hood'
	},
	{ hair: 'bun', hairColour: '#1e1816', skin: '#efc8a4', shirt: '#d8783f', bg: '#fbeadf', collar: 'round' },
	{
		hair: 'long',
		hairColour: '#2d221f',
		skin: '#f4d6ba',
		shirt: '#8b6bb5',
		bg: '#f1eaf8',
		collar: 'tee',
		glasses: true
	}
];

function portrait(child, index) {
	const hair = HAIR[child.hair];
	const hairFill = child.hair === 'cap' ? child.capColour : child.hairColour;
	const collar = {
		tee: `<path d="M168 372Q200 404 232 372" fill="none" stroke="#fff" stroke-opacity=".7" stroke-width="8"/>`,
		round: `<path d="M160 374Q200 420 240 374Z" fill="#fff" opacity=".85"/>`,
		hood: `<path d="M120 392Q200 330 280 392L262 420Q200 372 138 420Z" fill="#000" opacity=".15"/>`
	}[child.collar];
	const glasses = child.glasses
		? `<g fill="none" stroke="#333" stroke-width="5"><circle cx="164" cy="242" r="22"/><circle cx="236" cy="242" r="22"/><path d="M186 240h28"/></g>`
		: '';
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 500" role="img" aria-label="示例插图 Demo illustration ${index}">
<rect width="400" height="500" fill="${child.bg}"/>
<circle cx="330" cy="110" r="60" fill="#fff" opacity=".5"/>
${hair.back ? `<path d="${hair.back}" fill="${child.hairColour}"/>` : ''}
<path d="M60 500C60 412 118 366 200 366S340 412 340 500Z" fill="${child.shirt}"/>
${collar}
<rect x="176" y="300" width="48" height="72" rx="20" fill="${child.skin}"/>
<g fill="${child.skin}"><circle cx="110" cy="244" r="18"/><circle cx="290" cy="244" r="18"/><ellipse cx="200" cy="230" rx="92" ry="100"/></g>
<path d="${hair.front}" fill="${hairFill}"/>
<g fill="#2b2b2b"><ellipse cx="164" cy="244" rx="9" ry="11"/><ellipse cx="236" cy="244" rx="9" ry="11"/></g>
<g fill="#fff"><circle cx="167" cy="240" r="3"/><circle cx="239" cy="240" r="3"/></g>
<g fill="none" stroke="${child.hairColour}" stroke-width="5" stroke-linecap="round"><path d="M148 214q16-8 32 0M220 214q16-8 32 0"/></g>
<g fill="#f08a8a" opacity=".45"><circle cx="142" cy="276" r="14"/><circle cx="258" cy="276" r="14"/></g>
<path d="M182 286q18 16 36 0" fill="none" stroke="#a14a3c" stroke-width="5" stroke-linecap="round"/>
${glasses}
<g><rect x="12" y="12" width="150" height="42" rx="10" fill="#222" opacity=".78"/>
<text x="87" y="41" fill="#fff" font-family="system-ui,'Noto Sans CJK SC',sans-serif" font-size="22" font-weight="700" text-anchor="middle">示例 DEMO</text></g>
</svg>
`.replace(/\n+/g, '\n');
}

mkdirSync(outDir, { recursive: true });
const sizes = CHILDREN.map((child, i) => {
	const text = portrait(child, i + 1);
	writeFileSync(join(outDir, `child-${i + 1}.svg`), text);
	return Buffer.byteLength(text);
});
console.log(`demo art: ${sizes.length} SVGs, largest ${Math.max(...sizes)} bytes`);
