import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

export interface TestFile {
	base64: string;
	fileName: string;
	mimeType: string;
}

/** An input item: its JSON, and under `$files` the binary fields to attach. */
export type TestItem = INodeExecutionData['json'] & { $files?: Record<string, TestFile> };

/** Stands in for Manual Trigger plus a Set node: emits the items given in its parameter. */
export class TestItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const items = JSON.parse(raw) as TestItem[];
		const output = await Promise.all(
			items.map(async ({ $files, ...json }, index) => {
				const item: INodeExecutionData = { json, pairedItem: { item: index } };
				for (const [field, file] of Object.entries($files ?? {})) {
					const bytes = Buffer.from(file.base64, 'base64');
					const binary = await this.helpers.prepareBinaryData(bytes, file.fileName, file.mimeType);
					item.binary = { ...item.binary, [field]: binary };
				}
				return item;
			}),
		);
		return [output];
	}
}
