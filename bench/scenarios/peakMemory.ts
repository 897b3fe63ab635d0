import { SCALE } from '../config';
import type { EnvN8n } from '../n8n/envN8n';
import { megabytes, seconds } from '../report/stats';
import { formatTable } from '../report/table';
import type { ScenarioResult, Verdict } from '../report/targets';
import type { BenchContext } from './context';
import { COUNT, fakeImage, MODES, SIZE } from './memory/modes';
import type { ModeResult } from './memory/runMode';
import { runMode } from './memory/runMode';
import { DEFAULT_CONCURRENCY } from '../../nodes/KlingOmniImage/actions/readOptions';

function verdict(result: ModeResult): Verdict {
	return {
		target: `4. ${COUNT} images of ${megabytes(SIZE)} MB come through, ${result.mode.label}`,
		met: result.images === COUNT && result.stored === COUNT && result.intact,
		detail:
			`${result.images} binary items of ${SIZE} bytes in run data, ${result.stored} files ` +
			`on disk${result.intact ? ' (bytes checked)' : ''}`,
	};
}

export async function peakMemory(n8n: EnvN8n, context: BenchContext): Promise<ScenarioResult> {
	const bytes = fakeImage();
	const results: ModeResult[] = [];
	for (const mode of MODES) results.push(await runMode(n8n, context, mode, bytes));

	const rows = results.map((result) => [
		result.mode.label,
		megabytes(result.execution.peakRssBytes),
		seconds(result.node?.busyMs),
		seconds(result.execution.wallMs),
		result.downloads,
		result.mode.download ? `${result.images}/${COUNT}` : '-',
		result.mode.download ? `${result.stored}${result.intact ? ', same bytes' : ''}` : '-',
		result.outcome,
	]);
	const title =
		`4. Get Task + Download Images: ${COUNT} finished tasks, one ${megabytes(SIZE)} MB image ` +
		`each (L = ${SCALE.latencyMs} ms per read and per download; default Concurrency ${DEFAULT_CONCURRENCY}; ` +
		'peak RSS = VmHWM of the n8n process, sampled every 50 ms)';
	const header = ['binary data mode', 'peak RSS MB', 'node s', 'process s', 'downloads'];
	header.push('binaries ok', 'files on disk', 'outcome');
	// In-memory runs leave no run data to check (see the outcome): no verdict for them.
	const checkable = results.filter((result) => result.mode.download && result.execution.run);
	return { table: formatTable(title, header, rows), verdicts: checkable.map(verdict) };
}
