import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBoolean } from './readBoolean';

const OPERATIONS = ['getTask', 'createTask'];
const whenDownloading = { show: { operation: OPERATIONS, downloadImages: [true] } };

export const downloadDescription: INodeProperties[] = [
	{
		displayName: 'Download Images',
		name: 'downloadImages',
		type: 'boolean',
		default: false,
		description:
			"Whether to download each finished image into the item's binary data, ready for S3, Google Drive or email nodes",
		displayOptions: { show: { operation: OPERATIONS } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the binary field to put the image in',
		displayOptions: whenDownloading,
	},
	{
		displayName: 'Image Variant',
		name: 'imageVariant',
		type: 'options',
		default: 'clean',
		options: [
			{ name: 'Clean', value: 'clean', description: 'The image from URL' },
			{
				name: 'Watermarked',
				value: 'watermarked',
				description: 'The image from watermark_url (create the task with Watermark on)',
			},
		],
		displayOptions: whenDownloading,
	},
	{
		displayName: 'Max Image Size (MB)',
		name: 'maxImageSizeMb',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'A larger image fails its item with a clear error instead of filling memory',
		displayOptions: whenDownloading,
	},
];

export interface DownloadSettings {
	binaryPropertyName: string;
	variant: 'clean' | 'watermarked';
	maxBytes: number;
}

/** Undefined when the item does not download its images. */
export function readDownloadSettings(
	context: IExecuteFunctions,
	itemIndex: number,
): DownloadSettings | undefined {
	if (!readBoolean(context, 'downloadImages', itemIndex, false)) return undefined;

	const binaryPropertyName = String(
		context.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
	).trim();
	const maxImageSizeMb = Number(context.getNodeParameter('maxImageSizeMb', itemIndex, 50));
	if (!binaryPropertyName) {
		throw new NodeOperationError(
			context.getNode(),
			`Put Output File in Field is empty (item ${itemIndex})`,
			{
				description: 'Name the binary field the image goes into, for example "data".',
				itemIndex,
			},
		);
	}
	if (!(maxImageSizeMb > 0)) {
		throw new NodeOperationError(
			context.getNode(),
			`Max Image Size must be above 0 MB (item ${itemIndex})`,
			{
				itemIndex,
			},
		);
	}
	const variant = context.getNodeParameter('imageVariant', itemIndex, 'clean') as unknown;
	if (variant !== 'clean' && variant !== 'watermarked') {
		throw new NodeOperationError(
			context.getNode(),
			`Image Variant "${String(variant)}" is not clean or watermarked (item ${itemIndex})`,
			{ itemIndex },
		);
	}
	return { binaryPropertyName, variant, maxBytes: Math.floor(maxImageSizeMb * 1024 * 1024) };
}
