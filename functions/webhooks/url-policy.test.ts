import { describe, expect, it } from 'vitest';
import { parseIPv6, webhookUrlProblem } from './url-policy';

const refused = (url: string, local = false) => webhookUrlProblem(url, local);

describe('webhook URLs outside local mode', () => {
	it('takes public https URLs, with a port or a path', () => {
		expect(refused('https://partner.example.com/hooks/reunion')).toBeNull();
		expect(refused('https://203.0.114.9:8443/in')).toBeNull();
		expect(refused('https://[2606:4700::1111]/in')).toBeNull();
		expect(refused('https://[::ffff:8.8.8.8]/in')).toBeNull();
	});

	it('refuses anything but https, credentials and text that is no URL', () => {
		expect(refused('http://partner.example.com/')).toBe('scheme');
		expect(refused('ftp://partner.example.com/')).toBe('scheme');
		expect(refused('https://user:pw@partner.example.com/')).toBe('credentials');
		expect(refused('partner.example.com')).toBe('not_url');
	});

	it.each([
		['loopback', 'https://127.0.0.1/'],
		['loopback elsewhere in 127/8', 'https://127.8.9.10/'],
		['loopback written in hex', 'https://0x7f.1/'],
		['loopback written as one number', 'https://2130706433/'],
		['unspecified', 'https://0.0.0.0/'],
		['private 10/8', 'https://10.1.2.3/'],
		['private 172.16/12', 'https://172.31.255.255/'],
		['private 192.168/16', 'https://192.168.0.1/'],
		['link-local (metadata)', 'https://169.254.169.254/latest/meta-data'],
		['CGNAT', 'https://100.64.0.1/'],
		['multicast', 'https://224.0.0.1/'],
		['broadcast', 'https://255.255.255.255/'],
		['IPv6 loopback', 'https://[::1]/'],
		['IPv6 unspecified', 'https://[::]/'],
		['IPv6 link-local', 'https://[fe80::1]/'],
		['IPv6 unique local', 'https://[fd12:3456::1]/'],
		['IPv6 multicast', 'https://[ff02::1]/'],
		['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/'],
		['IPv4-mapped private, in hex', 'https://[::ffff:a00:1]/'],
		['NAT64 of a private address', 'https://[64:ff9b::10.0.0.1]/'],
		['6to4 of a private address', 'https://[2002:c0a8:1::1]/'],
		['localhost', 'https://localhost/'],
		['a name under localhost', 'https://evil.localhost/'],
		['mDNS', 'https://printer.local/'],
		['a single-label name', 'https://intranet/']
	])('refuses %s', (_why, url) => {
		expect(refused(url)).toBe('address');
	});
});

describe('webhook URLs in local mode', () => {
	it('also takes http and https to loopback, for a receiver on this machine', () => {
		expect(refused('http://127.0.0.1:9000/hook', true)).toBeNull();
		expect(refused('http://localhost:9000/hook', true)).toBeNull();
		expect(refused('http://[::1]:9000/hook', true)).toBeNull();
	});

	it('still refuses private addresses and plain http elsewhere', () => {
		expect(refused('http://10.0.0.5/hook', true)).toBe('scheme');
		expect(refused('https://192.168.1.1/hook', true)).toBe('address');
		expect(refused('http://partner.example.com/', true)).toBe('scheme');
	});
});

describe('IPv6 parsing', () => {
	it('expands :: and embedded dotted quads into eight groups', () => {
		expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
		expect(parseIPv6('::ffff:10.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a00, 1]);
		expect(parseIPv6('2001:db8:1:2:3:4:5:6')).toEqual([0x2001, 0xdb8, 1, 2, 3, 4, 5, 6]);
	});

	it('rejects malformed text', () => {
		expect(parseIPv6('1::2::3')).toBeNull();
		expect(parseIPv6('1:2:3')).toBeNull();
		expect(parseIPv6('::gggg')).toBeNull();
	});
});

// Issue 18's probe: forms of an address that a translator or tunnel turns into one the policy refuses.
describe('translated and tunnelled IPv6 forms', () => {
	it.each([
		['IPv4-translated metadata address (RFC 2765)', 'https://[::ffff:0:a9fe:a9fe]/'],
		['IPv4-translated, dotted', 'https://[::ffff:0:169.254.169.254]/'],
		['IPv4-translated public address', 'https://[::ffff:0:808:808]/'],
		['Teredo (2001::/32)', 'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/'],
		['Teredo, shortest form', 'https://[2001::1]/'],
		['local-use NAT64 (64:ff9b:1::/48)', 'https://[64:ff9b:1::a9fe:a9fe]/']
	])('refuses %s', (_why, url) => {
		expect(refused(url)).toBe('address');
	});

	it('still takes public IPv6 outside those blocks', () => {
		expect(refused('https://[2001:4860:4860::8888]/hook')).toBeNull();
		expect(refused('https://[2606:4700::1111]/hook')).toBeNull();
	});
});
