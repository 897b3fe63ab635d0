import { availableParallelism, cpus, totalmem } from 'node:os';

import { SCALE } from '../config';

/** What the numbers were measured on, and at which scale. */
export function machineHeader(n8nVersion: string, n8nNode: string, code: string): string {
	const [low, high] = SCALE.finishWindowMs;
	return [
		'Kling Omni Image node benchmark (npm run bench)',
		`date ${new Date().toISOString()}`,
		`machine: nproc ${availableParallelism()} (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), ` +
			`memory ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
		`bench on Node ${process.version}; n8n ${n8nVersion} on Node ${n8nNode}`,
		`package built from ${code}`,
		`scale: poll interval P = ${SCALE.pollSeconds} s (real use: 20 to 30 s), ` +
			`latency L = ${SCALE.latencyMs} ms per API request and image download, ` +
			`tasks finish at ${low / 1000} to ${high / 1000} s (real: 20 to 60 s), ` +
			`seed ${SCALE.seed}`,
		'all contenders run against the CometAPI simulator on 127.0.0.1, one after another',
		'',
	].join('\n');
}
