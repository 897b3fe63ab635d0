import type { TaskScript } from './scenario';
import { step } from './scenario';

/** Tasks the standalone simulator and the demo serve when no scenario file is given. */
export const DEMO_TASKS: Record<string, TaskScript> = {
	'demo-poster': {
		steps: [step.submitted(), step.processing(), step.succeed(3, { watermark: true })],
	},
	'demo-series': { steps: [step.processing(), step.succeed(2, { series: true })] },
	'demo-finished': { steps: [step.succeed(1)] },
	'demo-blocked': { steps: [step.processing(), step.failed('Prompt blocked by content safety')] },
};
