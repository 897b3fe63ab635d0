export function mean(values: number[]): number {
	return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : NaN;
}

export function max(values: number[]): number {
	return values.length ? Math.max(...values) : NaN;
}

/** Seconds with two decimals, or a dash for a value that was not measured. */
export function seconds(ms: number | undefined): string {
	return ms === undefined || Number.isNaN(ms) ? '-' : (ms / 1000).toFixed(2);
}

/** value / reference, as "0.42" or "12.3". */
export function ratio(value: number, reference: number): string {
	if (!(reference > 0) || !Number.isFinite(value)) return '-';
	const quotient = value / reference;
	return quotient >= 10 ? quotient.toFixed(1) : quotient.toFixed(2);
}

export function megabytes(bytes: number | undefined): string {
	return bytes === undefined ? '-' : (bytes / 1024 / 1024).toFixed(0);
}
