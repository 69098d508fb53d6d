/** API.md: the console resizes before upload (≤ 1600 px); the server strips metadata whatever arrives. */
export const MAX_UPLOAD_PIXELS = 1600;

/** Re-encodes the chosen photo as a JPEG no larger than 1600 px on its longest side. */
export async function resizePhoto(file: Blob): Promise<Blob> {
	const bitmap = await createImageBitmap(file);
	const scale = Math.min(1, MAX_UPLOAD_PIXELS / Math.max(bitmap.width, bitmap.height));
	const canvas = document.createElement('canvas');
	canvas.width = Math.max(1, Math.round(bitmap.width * scale));
	canvas.height = Math.max(1, Math.round(bitmap.height * scale));
	canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	bitmap.close();
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))), 'image/jpeg', 0.85)
	);
}
