// Benchmark c's floor run: the same pipeline with the message encryption stubbed. While the floor is on, the
// WebCrypto calls of RFC 8291 encryption (a key pair, its export, the subscriber key import, ECDH, HKDF,
// AES-GCM) made by the sends return bytes of the right sizes at once, so what is left is everything else on
// the path: the queues, D1, our code around the crypto, the POSTs and the peer. Only the bench Worker uses it;
// outside the floor run crypto.subtle is left exactly as it is, so the real run pays nothing for it.

const FAKE_KEY = {} as CryptoKey;
const PUBLIC_POINT = (() => {
	const point = new Uint8Array(65);
	point[0] = 0x04;
	return point.buffer;
})();

type Subtle = SubtleCrypto & Record<string, unknown>;
type Method = (...args: never[]) => Promise<unknown>;

const STUBS: Record<string, Method> = {
	generateKey: async () => ({ publicKey: FAKE_KEY, privateKey: FAKE_KEY }),
	exportKey: async () => PUBLIC_POINT.slice(0),
	importKey: async () => FAKE_KEY,
	deriveBits: async (_params: unknown, _key: unknown, bits: number) => new ArrayBuffer(bits / 8),
	encrypt: async (_params: unknown, _key: unknown, data: ArrayBufferView) =>
		new ArrayBuffer(data.byteLength + 16)
};

/**
 * Turns the floor on or off. While on, the encryption's WebCrypto calls are stubbed wherever `inSend()` is true
 * (the SEND consumer; the API keeps real crypto for sessions); off restores the platform's own methods.
 */
export function setFloorCrypto(on: boolean, inSend: () => boolean): void {
	const subtle = crypto.subtle as Subtle;
	for (const [name, stub] of Object.entries(STUBS)) {
		if (!on) {
			delete subtle[name]; // the own property hid the prototype's method
			continue;
		}
		const original = (Object.getPrototypeOf(subtle) as Record<string, Method>)[name]!.bind(subtle);
		subtle[name] = (...args: never[]) => (inSend() ? stub(...args) : original(...args));
	}
}
