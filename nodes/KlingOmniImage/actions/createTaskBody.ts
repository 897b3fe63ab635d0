import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ASPECT_RATIOS } from './createTask.description';
import { readBoolean } from './readBoolean';
import { readReferenceImages } from './referenceImages';

const MAX_PROMPT_LENGTH = 2500;
const MAX_REFERENCES = 10;
const V3_ONLY = 'kling-v3-omni';
const MAX_INT64 = BigInt('9223372036854775807');

/**
 * The create body, serialized by hand: element IDs are int64 and must reach the API with
 * every digit, which a JavaScript number cannot promise.
 */
export interface CreateTaskBody {
	json: string;
	externalTaskId?: string;
	watermark: boolean;
}

const MODELS = ['kling-image-o1', 'kling-v3-omni'];
const RESOLUTIONS = ['1k', '2k', '4k'];
const RESULT_TYPES = ['single', 'series'];

type Fail = (message: string, description?: string) => never;

/** An expression can give any value: only text (or a number) is sent as text. */
function text(value: unknown, label: string, fail: Fail): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string')
		return fail(`${label} is not text`, 'Point the expression at a text field.');
	return value.trim();
}

/** One of the values the option offers, as an expression may give anything. */
function oneOf(value: unknown, allowed: string[], label: string, fail: Fail): string {
	const chosen = typeof value === 'string' ? value.trim() : String(value);
	if (!allowed.includes(chosen)) fail(`${label} "${chosen}" is not one of ${allowed.join(', ')}`);
	return chosen;
}

function integerIn(value: unknown, min: number, max: number): number | undefined {
	const number = Number(value);
	return Number.isInteger(number) && number >= min && number <= max ? number : undefined;
}

function parseElementIds(
	raw: string,
	fail: (message: string, description?: string) => never,
): string[] {
	const ids = raw
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '');
	for (const id of ids) {
		if (!/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > MAX_INT64)
			fail(
				`Element ID "${id}" is not a whole number`,
				'Element IDs are Kling int64 IDs, separated by commas.',
			);
	}
	return ids;
}

function checkedUrl(raw: string, fail: (message: string, description?: string) => never): string {
	const url = raw.trim();
	if (!/^https?:\/\/[^\s/]+/i.test(url)) fail(`Callback URL "${url}" is not an http(s) URL`);
	return url;
}

/** Reads and checks one item's create parameters; nothing is sent when this throws. */
export async function buildCreateTaskBody(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<CreateTaskBody> {
	const fail = (message: string, description?: string): never => {
		throw new NodeOperationError(context.getNode(), `${message} (item ${itemIndex})`, {
			description,
			itemIndex,
		});
	};
	const parameter = <T>(name: string, fallback: T) =>
		context.getNodeParameter(name, itemIndex, fallback) as T;

	const model = oneOf(parameter('modelName', 'kling-image-o1'), MODELS, 'Model', fail);
	const prompt = text(parameter('prompt', ''), 'Prompt', fail);
	if (!prompt) fail('Prompt is empty', 'Describe the image to generate.');
	// Counted in characters as a person counts them, not in UTF-16 units.
	const promptLength = [...prompt].length;
	if (promptLength > MAX_PROMPT_LENGTH)
		fail(`Prompt has ${promptLength} characters; the limit is ${MAX_PROMPT_LENGTH}`);

	const resolution = oneOf(parameter('resolution', '1k'), RESOLUTIONS, 'Resolution', fail);
	if (resolution === '4k' && model !== V3_ONLY)
		fail('4K needs the Kling V3 Omni model', 'Choose Kling V3 Omni or a lower resolution.');
	const resultType = oneOf(parameter('resultType', 'single'), RESULT_TYPES, 'Result Type', fail);
	if (resultType === 'series' && model !== V3_ONLY)
		fail('Series results need the Kling V3 Omni model', 'Choose Kling V3 Omni or Single Images.');
	const aspectRatio = parameter<string>('aspectRatio', 'auto');
	if (!ASPECT_RATIOS.includes(aspectRatio))
		fail(
			`Aspect Ratio "${aspectRatio}" is not one Kling offers`,
			`Use one of ${ASPECT_RATIOS.join(', ')}.`,
		);

	const body: IDataObject = {
		model_name: model,
		prompt,
		resolution,
		result_type: resultType,
		aspect_ratio: aspectRatio,
	};
	if (resultType === 'series') {
		body.series_amount =
			integerIn(parameter('seriesAmount', 4), 2, 9) ??
			fail('Series Amount must be a whole number from 2 to 9');
	} else {
		body.n =
			integerIn(parameter('n', 1), 1, 9) ??
			fail('Number of Images must be a whole number from 1 to 9');
	}

	const images = await readReferenceImages(context, itemIndex);
	const elementIds = parseElementIds(String(parameter('elementIds', '')), fail);
	if (images.length + elementIds.length > MAX_REFERENCES) {
		fail(
			`${images.length} reference images and ${elementIds.length} elements are more than ${MAX_REFERENCES}`,
		);
	}
	if (images.length) body.image_list = images;
	const watermark = readBoolean(context, 'watermark', itemIndex, false);
	if (watermark) body.watermark_info = { enabled: true };

	const extra = parameter<IDataObject>('additionalFields', {});
	if (extra.callbackUrl) body.callback_url = checkedUrl(String(extra.callbackUrl), fail);
	const externalTaskId = text(extra.externalTaskId ?? '', 'External Task ID', fail) || undefined;
	if (externalTaskId) body.external_task_id = externalTaskId;

	const json = JSON.stringify(body);
	const elements = elementIds.map((id) => `{"element_id":${id}}`).join(',');
	return {
		json: elements ? `${json.slice(0, -1)},"element_list":[${elements}]}` : json,
		externalTaskId,
		watermark,
	};
}
