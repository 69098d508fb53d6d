import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { failPasswordCheck, PBKDF2_ITERATIONS, verifyPassword } from './password';

describe('password hashes', () => {
	it('verifies the hash scripts/admin-create.mjs makes in Node (same format, same parameters)', async () => {
		const salt = randomBytes(16);
		const hash = pbkdf2Sync(
			'bootstrap admin secret'.normalize('NFKC'),
			salt,
			PBKDF2_ITERATIONS,
			32,
			'sha256'
		);
		const stored = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
		expect(await verifyPassword('bootstrap admin secret', stored)).toBe(true);
		expect(await verifyPassword('bootstrap admin secreT', stored)).toBe(false);
	});

	it('refuses hashes with more iterations than production Workers can compute, or another scheme', async () => {
		expect(await verifyPassword('x', 'pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA$AAAA')).toBe(false);
		expect(await verifyPassword('x', 'bcrypt$10$whatever')).toBe(false);
	});

	it('spends a full derivation when there is no hash to check, so timing does not reveal accounts', async () => {
		const derive = vi.spyOn(crypto.subtle, 'deriveBits');
		try {
			expect(await failPasswordCheck('any guess')).toBe(false);
			expect(derive).toHaveBeenCalledTimes(1);
			expect(derive.mock.calls[0]![0]).toMatchObject({ name: 'PBKDF2', iterations: PBKDF2_ITERATIONS });
		} finally {
			derive.mockRestore();
		}
	});
});
