/**
 * The n8n versions the end-to-end tests run, newest major first: the 2.x this package is
 * developed against, and the last 1.x line (the oldest n8n tested, so the minimum the README
 * promises). Keep in sync with the default list in scripts/install-n8n.sh.
 */
export const TESTED_N8N_VERSIONS = ['2.41.1', '1.123.81'] as const;

/** What `RealN8n.prepare()` and the demo use without a version: N8N_VERSION, else 2.x. */
export function defaultN8nVersion(): string {
	return process.env.N8N_VERSION?.trim() || TESTED_N8N_VERSIONS[0];
}

/**
 * The versions an end-to-end test file runs on: N8N_E2E_VERSIONS (comma or space
 * separated, e.g. `N8N_E2E_VERSIONS=1.123.81`), else every tested version.
 */
export function e2eN8nVersions(): string[] {
	const asked = (process.env.N8N_E2E_VERSIONS ?? '').split(/[\s,]+/).filter(Boolean);
	return asked.length > 0 ? asked : [...TESTED_N8N_VERSIONS];
}

/** n8n's major version, for the few commands and outputs that differ between 1.x and 2.x. */
export function n8nMajor(version: string): number {
	return Number.parseInt(version.split('.')[0], 10);
}
