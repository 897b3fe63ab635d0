import { readFile } from 'node:fs/promises';

/** VmHWM of a live process in bytes (its peak resident set so far), or undefined once gone. */
async function highWaterMark(pid: number): Promise<number | undefined> {
	try {
		const status = await readFile(`/proc/${pid}/status`, 'utf8');
		const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Samples a process's VmHWM until stopped. The kernel keeps the peak, so a sample shortly
 * before exit holds the peak of the whole run (at most one interval of growth is missed).
 */
export function watchPeakRss(pid: number, intervalMs = 50): { stop: () => number | undefined } {
	let peak: number | undefined;
	const sample = async () => {
		const value = await highWaterMark(pid);
		if (value !== undefined) peak = Math.max(peak ?? 0, value);
	};
	void sample();
	const timer = setInterval(() => void sample(), intervalMs);
	return {
		stop: () => {
			clearInterval(timer);
			return peak;
		},
	};
}
