/** The few lines of HTTP that CometAPI's sample code uses, with Node's own fetch. */
export interface PlainClient {
	baseUrl: string;
	apiKey: string;
}

const OMNI_IMAGE = '/kling/v1/images/omni-image';

interface TaskAnswer {
	data?: { task_id?: string; task_status?: string };
}

export async function readTaskStatus(client: PlainClient, taskId: string): Promise<string> {
	const response = await fetch(`${client.baseUrl}${OMNI_IMAGE}/${encodeURIComponent(taskId)}`, {
		headers: { Authorization: `Bearer ${client.apiKey}` },
	});
	const answer = (await response.json()) as TaskAnswer;
	return answer.data?.task_status ?? `HTTP ${response.status}`;
}

export async function createTask(client: PlainClient, prompt: string): Promise<string> {
	const response = await fetch(`${client.baseUrl}${OMNI_IMAGE}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${client.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ model_name: 'kling-image-o1', prompt, n: 1 }),
	});
	const answer = (await response.json()) as TaskAnswer;
	if (!answer.data?.task_id) throw new Error(`Create answered HTTP ${response.status}`);
	return answer.data.task_id;
}

export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
