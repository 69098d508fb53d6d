// Benchmark c's floor run: the same pipeline with the message encryption stubbed. While `active()` says so, the
// WebCrypto calls of RFC 8291 encryption (a key pair, its export, the subscriber key import, ECDH, HKDF,
// AES-GCM) return bytes of the right sizes at once, so what is left is everything else on the path: the
// queues, D1, our code around the crypto, the POSTs and the peer. Only the bench Worker installs it.

const FAKE_KEY = {} as CryptoKey;
const PUBLIC_POINT = (() => {
	const point = new Uint8Array(65);
	point[0] = 0x04;
	return point.buffer;
})();

type Subtle = SubtleCrypto & Record<string, unknown>;

/** Replaces the encryption's WebCrypto calls by stubs whenever `active()` is true (the floor run's sends). */
export function installFloorCrypto(active: () => boolean): void {
	const subtle = crypto.subtle as Subtle;
	const stubs: Record<string, (...args: never[]) => Promise<unknown>> = {
		generateKey: async () => ({ publicKey: FAKE_KEY, privateKey: FAKE_KEY }),
		exportKey: async () => PUBLIC_POINT.slice(0),
		importKey: async () => FAKE_KEY,
		deriveBits: async (_params: unknown, _key: unknown, bits: number) => new ArrayBuffer(bits / 8),
		encrypt: async (_params: unknown, _key: unknown, data: ArrayBufferView) =>
			new ArrayBuffer(data.byteLength + 16)
	};
	for (const [name, stub] of Object.entries(stubs)) {
		const original = (subtle[name] as (...args: unknown[]) => Promise<unknown>).bind(subtle);
		subtle[name] = (...args: never[]) => (active() ? stub(...args) : original(...args));
	}
}
