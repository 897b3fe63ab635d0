const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'image/gif': 'gif',
};

/** The image type from the file's first bytes, for hosts that say application/octet-stream. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
	const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
	if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
	if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') {
		return 'image/webp';
	}
	return undefined;
}

/** Trusts a specific image Content-Type; otherwise looks at the bytes. */
export function imageMimeType(contentType: string | undefined, bytes: Uint8Array): string {
	const declared = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (EXTENSIONS[declared]) return declared;
	return (
		sniffImageType(bytes) ?? (declared.startsWith('image/') ? declared : 'application/octet-stream')
	);
}

/** A stable name: the same task and image always give the same file name. */
export function imageFileName(
	taskId: string,
	index: number,
	mimeType: string,
	watermarked: boolean,
): string {
	const safeId = taskId.replace(/[^A-Za-z0-9_-]+/g, '_');
	const extension = EXTENSIONS[mimeType] ?? 'bin';
	return `kling-${safeId}-${index}${watermarked ? '-watermarked' : ''}.${extension}`;
}
