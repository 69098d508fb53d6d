import { describe, expect, it } from 'vitest';
import { addressUnit } from './client';

describe('addressUnit', () => {
	it('keeps an IPv4 address whole, also when IPv6 carries it', () => {
		expect(addressUnit('203.0.113.7')).toBe('203.0.113.7');
		expect(addressUnit('::ffff:203.0.113.7')).toBe('203.0.113.7');
	});

	it.each([
		['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
		['2001:0db8:0001:0002:0000:0000:0000:0001', '2001:db8:1:2::/64'],
		['2001:db8:1:2::1', '2001:db8:1:2::/64'],
		['2001:DB8:1:2::FFFF', '2001:db8:1:2::/64'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['::1', '0:0:0:0::/64']
	])('reduces %s to its /64, %s', (address, unit) => {
		expect(addressUnit(address)).toBe(unit);
	});

	it('gives every address of one /64 the same unit, and neighbouring /64s different ones', () => {
		expect(addressUnit('2001:db8:1:2:1::')).toBe(addressUnit('2001:db8:1:2:ffff:ffff:ffff:ffff'));
		expect(addressUnit('2001:db8:1:2::1')).not.toBe(addressUnit('2001:db8:1:3::1'));
	});
});
