import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

function fromBits(hex: string): number {
	const view = new DataView(new ArrayBuffer(8));
	view.setBigUint64(0, BigInt(`0x${hex}`));
	return view.getFloat64(0);
}

describe('RFC 8785 canonical JSON', () => {
	it('writes the §3.2.2 example exactly', () => {
		const input = JSON.parse(
			'{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
				'"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
				'"literals": [null, true, false]}'
		);
		expect(canonicalJson(input)).toBe(
			'{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
				'"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
		);
	});

	it('sorts members by UTF-16 code units (§3.2.3 example)', () => {
		const input = JSON.parse(
			'{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
				'"1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
				'"\\u00f6": "Latin Small Letter O With Diaeresis"}'
		);
		// Compared as text: parsing it back would put the integer-like key "1" first again (ECMAScript key order).
		expect(canonicalJson(input)).toBe(
			'{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
				'"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'
		);
	});

	it('serialises the IEEE 754 vectors of Appendix B', () => {
		const vectors: [string, string][] = [
			['0000000000000000', '0'],
			['8000000000000000', '0'],
			['0000000000000001', '5e-324'],
			['8000000000000001', '-5e-324'],
			['7fefffffffffffff', '1.7976931348623157e+308'],
			['4340000000000000', '9007199254740992'],
			['c340000000000000', '-9007199254740992'],
			['4430000000000000', '295147905179352830000'],
			['44b52d02c7e14af5', '9.999999999999997e+22'],
			['44b52d02c7e14af6', '1e+23'],
			['3eb0c6f7a0b5ed8d', '0.000001'],
			['3eb0c6f7a0b5ed8c', '9.999999999999997e-7']
		];
		for (const [bits, text] of vectors) expect(canonicalJson(fromBits(bits))).toBe(text);
	});

	it('nests objects in arrays and drops undefined members', () => {
		expect(canonicalJson({ b: [{ z: 1, a: null }], a: undefined, c: 'x' })).toBe(
			'{"b":[{"a":null,"z":1}],"c":"x"}'
		);
	});

	it('refuses values JSON cannot carry', () => {
		expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
		expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
		expect(() => canonicalJson('\ud800')).toThrow(TypeError);
		expect(() => canonicalJson(() => 1)).toThrow(TypeError);
	});
});
