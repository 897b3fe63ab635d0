import type { INodeProperties } from 'n8n-workflow';

const forCreate = (extra: Record<string, unknown[]> = {}) => ({
	show: { operation: ['createTask'], ...extra },
});

export const ASPECT_RATIOS = ['auto', '16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'];

export const createTaskDescription: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'modelName',
		type: 'options',
		default: 'kling-image-o1',
		options: [
			{ name: 'Kling Image O1', value: 'kling-image-o1', description: 'Single images up to 2K' },
			{
				name: 'Kling V3 Omni',
				value: 'kling-v3-omni',
				description: 'Adds 4K and series results',
			},
		],
		displayOptions: forCreate(),
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. A poster of <<<image_1>>> on a mountain at dawn',
		description:
			'What to generate, at most 2,500 characters. Refer to reference images as &lt;&lt;&lt;image_1&gt;&gt;&gt; and elements as &lt;&lt;&lt;element_1&gt;&gt;&gt;, in list order.',
		displayOptions: forCreate(),
	},
	{
		displayName: 'Reference Images',
		name: 'referenceImages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Reference Image',
		description:
			'Up to 10 references in all (with elements): JPG or PNG, at most 10 MB, sides of 300 px or more',
		displayOptions: forCreate(),
		options: [
			{
				displayName: 'Image',
				name: 'image',
				values: [
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						default: 'url',
						options: [
							{ name: 'URL', value: 'url' },
							{ name: 'Binary Field', value: 'binary' },
						],
					},
					{
						displayName: 'Image URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/reference.png',
						displayOptions: { show: { source: ['url'] } },
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input binary field holding the image, for example a file from Google Drive',
						displayOptions: { show: { source: ['binary'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Element IDs',
		name: 'elementIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 123456789, 987654321',
		description:
			'Kling element IDs, separated by commas; cite them as &lt;&lt;&lt;element_1&gt;&gt;&gt; and so on',
		displayOptions: forCreate(),
	},
	{
		displayName: 'Result Type',
		name: 'resultType',
		type: 'options',
		default: 'single',
		options: [
			{ name: 'Single Images', value: 'single', description: 'Independent images' },
			{
				name: 'Series',
				value: 'series',
				description: 'A set of related images (Kling V3 Omni only)',
			},
		],
		displayOptions: forCreate(),
	},
	{
		displayName: 'Number of Images',
		name: 'n',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 9 },
		description: 'How many images to generate, 1 to 9',
		displayOptions: forCreate({ resultType: ['single'] }),
	},
	{
		displayName: 'Series Amount',
		name: 'seriesAmount',
		type: 'number',
		default: 4,
		typeOptions: { minValue: 2, maxValue: 9 },
		description: 'How many images the series has, 2 to 9',
		displayOptions: forCreate({ resultType: ['series'] }),
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: '1k',
		options: [
			{ name: '1K', value: '1k' },
			{ name: '2K', value: '2k' },
			{ name: '4K (Kling V3 Omni Only)', value: '4k' },
		],
		displayOptions: forCreate(),
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		default: 'auto',
		options: ASPECT_RATIOS.map((ratio) => ({
			name: ratio === 'auto' ? 'Auto' : ratio,
			value: ratio,
		})),
		displayOptions: forCreate(),
	},
	{
		displayName: 'Watermark',
		name: 'watermark',
		type: 'boolean',
		default: false,
		description: 'Whether to also get a watermarked copy of each image (watermark_url)',
		displayOptions: forCreate(),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forCreate(),
		options: [
			{
				displayName: 'Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $execution.resumeUrl }}',
				description:
					'Kling posts the task here on each status change, for example the resume URL of a Wait node',
			},
			{
				displayName: 'External Task ID',
				name: 'externalTaskId',
				type: 'string',
				default: '',
				description:
					'Your own ID for the task, unique within the account; comes back as external_task_id',
			},
		],
	},
];
