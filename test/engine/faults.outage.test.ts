import { runGetTask, useSimulator } from '../harness/fixture';
import { step } from '../simulator/scenario';

const simulator = useSimulator();

test('an outage longer than Max Retries during a wait is a missed poll, not a failed task', async () => {
	simulator().setTask('t-outage', {
		steps: [step.processing(), step.http(503), step.http(503), step.http(503), step.succeed(1)],
	});

	const { items, error } = await runGetTask(simulator(), {
		taskIds: ['t-outage'],
		parameters: {
			waitForCompletion: true,
			pollInterval: 1,
			maxWaitTime: 30,
			options: { maxRetries: 1 },
		},
	});

	expect(error).toBeUndefined();
	expect(items.map((item) => [item.json.task_id, item.json.task_status])).toEqual([
		['t-outage', 'succeed'],
	]);
	expect(simulator().requestsTo('/kling/v1/images/omni-image/')).toHaveLength(5);
});
