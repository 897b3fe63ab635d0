export interface Dimensions {
	width: number;
	height: number;
}

function pngDimensions(bytes: Buffer): Dimensions | undefined {
	if (bytes.length < 24 || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Walks the JPEG markers to the first start-of-frame, which holds the size. */
function jpegDimensions(bytes: Buffer): Dimensions | undefined {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1];
		const length = bytes.readUInt16BE(offset + 2);
		const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isFrame)
			return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
		offset += 2 + length;
	}
	return undefined;
}

/** Width and height of a PNG or JPEG, read from its header; undefined for anything else. */
export function imageDimensions(bytes: Buffer, mimeType: string): Dimensions | undefined {
	if (mimeType === 'image/png') return pngDimensions(bytes);
	if (mimeType === 'image/jpeg') return jpegDimensions(bytes);
	return undefined;
}
