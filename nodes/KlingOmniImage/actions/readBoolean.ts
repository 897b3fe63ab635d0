import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A boolean parameter, also when an expression made it the text "true" or "false": a
 * non-empty string would otherwise count as true (and could turn on a billed option).
 */
export function readBoolean(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: boolean,
): boolean {
	const value = context.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof value === 'boolean') return value;
	if (value === undefined || value === null || value === '') return fallback;
	const text = String(value).trim().toLowerCase();
	if (text === 'true') return true;
	if (text === 'false') return false;
	throw new NodeOperationError(
		context.getNode(),
		`"${String(value)}" is not true or false (item ${itemIndex})`,
		{
			description: `Set the parameter "${name}" to true or false.`,
			itemIndex,
		},
	);
}
