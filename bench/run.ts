// `npm run bench`: our node against the alternatives users have, in a real n8n and in plain
// Node, all against the CometAPI simulator on 127.0.0.1. Prints a header, one table per
// scenario and the targets on stdout; progress on stderr. `npm run bench -- 2 4` runs only
// scenarios 2 and 4.
import { randomBytes } from 'node:crypto';

import { RealN8n } from '../test/realN8n';
import { startSimulator } from '../test/simulator/server';
import { EnvN8n } from './n8n/envN8n';
import { n8nNodeVersion } from './n8n/nodeVersion';
import { stopRunningN8n } from './n8n/spawnN8n';
import { prepareBench } from './prepare';
import { codeVersion } from './report/codeVersion';
import { machineHeader } from './report/machine';
import type { ScenarioResult, Verdict } from './report/targets';
import { formatVerdicts } from './report/targets';
import type { BenchContext } from './scenarios/context';
import { createAndWait } from './scenarios/createAndWait';
import { peakMemory } from './scenarios/peakMemory';
import { throughput } from './scenarios/throughput';
import { waitOnTasks } from './scenarios/waitOnTasks';

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

function scenarios(context: BenchContext, envN8n: EnvN8n) {
	const all: Array<[string, () => Promise<ScenarioResult>]> = [
		['1', () => waitOnTasks(context)],
		['2', () => throughput(context)],
		['3', () => createAndWait(context)],
		['4', () => peakMemory(envN8n, context)],
	];
	const only = process.argv.slice(2);
	return all.filter(([number]) => only.length === 0 || only.includes(number));
}

async function bench(context: BenchContext, envN8n: EnvN8n, code: string): Promise<void> {
	const { n8n } = context;
	const n8nNode = await n8nNodeVersion(n8n.installation);
	process.stdout.write(machineHeader(n8n.version, n8nNode, code) + '\n');
	const verdicts: Verdict[] = [];
	for (const [number, run] of scenarios(context, envN8n)) {
		progress(`running scenario ${number}...`);
		const result = await run();
		process.stdout.write(result.table + '\n');
		verdicts.push(...result.verdicts);
	}
	process.stdout.write(formatVerdicts(verdicts));
}

async function main(): Promise<void> {
	const started = Date.now();
	// Read before anything else: npm run bench has just built dist/ from this state.
	const code = await codeVersion();
	// A throwaway key: the simulator checks it as CometAPI does; it is nobody's secret.
	const apiKey = `sk-bench-${randomBytes(12).toString('hex')}`;
	const simulator = await startSimulator({ apiKey });
	let n8n: RealN8n | undefined;
	let envN8n: EnvN8n | undefined;
	const cleanUp = async () => {
		stopRunningN8n();
		await n8n?.dispose();
		await envN8n?.dispose();
		await simulator.stop();
	};
	process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
	try {
		progress('preparing two n8n user folders with the packed package (installs n8n once)...');
		n8n = await RealN8n.prepare();
		envN8n = await EnvN8n.prepare();
		await bench(await prepareBench(simulator, apiKey, n8n, envN8n), envN8n, code);
		process.stdout.write(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
	} finally {
		await cleanUp();
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		process.stderr.write(`Bench failed: ${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);
