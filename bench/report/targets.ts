export interface Verdict {
	target: string;
	met: boolean;
	/** The measured value, and the bound it was held against. */
	detail: string;
}

export interface ScenarioResult {
	table: string;
	verdicts: Verdict[];
}

export function formatVerdicts(verdicts: Verdict[]): string {
	const lines = verdicts.map(
		(verdict) => `  ${verdict.met ? 'met    ' : 'NOT MET'}  ${verdict.target}: ${verdict.detail}`,
	);
	return ['Targets', '', ...lines, ''].join('\n');
}
