import { readFileSync } from 'node:fs';

import { DEMO_TASKS } from './demoTasks';
import type { TaskScript } from './scenario';
import { startSimulator } from './server';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function option(name: string, fallback: string): string {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

async function main(): Promise<void> {
	const host = option('host', '127.0.0.1');
	if (!LOOPBACK.has(host)) throw new Error(`The simulator only listens on loopback, not ${host}`);

	const simulator = await startSimulator({
		apiKey: option('key', 'sk-simulator'),
		port: Number(option('port', '0')),
		host,
	});
	const scenarioFile = option('scenarios', '');
	const tasks: Record<string, TaskScript> = scenarioFile
		? (JSON.parse(readFileSync(scenarioFile, 'utf8')) as Record<string, TaskScript>)
		: DEMO_TASKS;
	for (const [taskId, script] of Object.entries(tasks)) simulator.setTask(taskId, script);

	process.stdout.write(`CometAPI simulator listening on ${simulator.url}\n`);
	process.stdout.write(`Tasks: ${Object.keys(tasks).join(', ')}\n`);
	const stop = () => void simulator.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
