import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sniffImageType } from '../output/imageFile';
import { imageDimensions } from '../parsing/imageDimensions';

const MAX_BYTES = 10 * 1024 * 1024;
const MIN_SIDE = 300;
const MAX_ASPECT = 2.5;

interface ReferenceEntry {
	source?: 'url' | 'binary';
	url?: string;
	binaryPropertyName?: string;
}

/** Checks a reference file the way Kling will, so a bad one fails before anything is billed. */
function checkFile(bytes: Buffer, fail: (problem: string) => never): void {
	if (bytes.length > MAX_BYTES)
		fail(`is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB`);
	const type = sniffImageType(bytes);
	if (type !== 'image/png' && type !== 'image/jpeg') fail('is not a JPG or PNG file');

	const size = imageDimensions(bytes, type);
	if (!size) fail('has no readable width and height');
	if (Math.min(size.width, size.height) < MIN_SIDE) {
		fail(`is ${size.width}x${size.height} px; each side must be at least ${MIN_SIDE} px`);
	}
	const ratio = size.width / size.height;
	if (ratio > MAX_ASPECT || ratio < 1 / MAX_ASPECT) {
		fail(`is ${size.width}x${size.height} px; the aspect ratio must be between 1:2.5 and 2.5:1`);
	}
}

/** The item's reference images as Kling's image_list: https URLs or bare base64. */
export async function readReferenceImages(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<Array<{ image: string }>> {
	const entries = context.getNodeParameter(
		'referenceImages.image',
		itemIndex,
		[],
	) as ReferenceEntry[];
	const list: Array<{ image: string }> = [];

	for (const [position, entry] of entries.entries()) {
		const label = `Reference image ${position + 1} (item ${itemIndex})`;
		const fail = (problem: string, description?: string): never => {
			throw new NodeOperationError(context.getNode(), `${label} ${problem}`, {
				description,
				itemIndex,
			});
		};

		if ((entry.source ?? 'url') === 'url') {
			const url = String(entry.url ?? '').trim();
			if (!/^https:\/\/[^\s/]+/i.test(url)) {
				fail('needs an https URL', `Got "${url}". Kling fetches references over https only.`);
			}
			list.push({ image: url });
			continue;
		}

		const property = String(entry.binaryPropertyName ?? 'data').trim();
		const binary = context.getInputData()[itemIndex]?.binary?.[property];
		if (!binary)
			fail(
				`has no input binary field "${property}"`,
				'Check the name of the field the file is in.',
			);
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		checkFile(bytes, fail);
		list.push({ image: bytes.toString('base64') });
	}
	return list;
}
