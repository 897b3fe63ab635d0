import { join } from 'node:path';

import { REPO_ROOT } from '../realN8n/repoPaths';
import { runProcess } from '../realN8n/runProcess';
import type { UnpackedPackage } from './packedPackage';
import { packAndUnpack } from './packedPackage';

// n8n's community-package scanner (@n8n/scan-community-package), the gate a package passes
// before n8n verifies it. Its CLI scans a published package: the compiled tarball, and the
// source its npm provenance points at. Here both legs run on the local build: the unpacked
// `npm pack` tarball, and this repository's package.json, nodes/ and credentials/.

interface ScanMessage {
	file: string;
	line: number;
	rule: string | null;
	severity: 'error' | 'warning';
	message: string;
}

interface ScanLeg {
	passed: boolean;
	message: string | null;
	details: string | null;
	files: string[];
	messages: ScanMessage[];
}

interface ScanReport {
	tarball: ScanLeg;
	source: ScanLeg;
}

let packed: UnpackedPackage;
let report: ScanReport;

beforeAll(async () => {
	packed = await packAndUnpack();
	// The scanner is ESM only: run it in its own Node process.
	const result = await runProcess(
		process.execPath,
		[join(__dirname, 'scanPackage.mjs'), packed.folder, REPO_ROOT],
		{ cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeoutMs: 120_000 },
	);
	if (result.exitCode !== 0) {
		throw new Error(`scanPackage.mjs failed (exit ${result.exitCode}):\n${result.stderr}`);
	}
	report = JSON.parse(result.stdout) as ScanReport;
}, 180_000);

afterAll(async () => await packed?.dispose());

/** One line per finding, so a failure reads like the scanner's own report. */
function findings(leg: ScanLeg): string[] {
	return leg.messages.map(
		(found) => `${found.file}:${found.line} ${found.severity} ${found.rule} ${found.message}`,
	);
}

describe('n8n community-package scanner', () => {
	it('scans the compiled code and package.json of the tarball', () => {
		expect(report.tarball.files).toContain('package.json');
		expect(report.tarball.files).toEqual(
			expect.arrayContaining(packed.entries.filter((entry) => entry.endsWith('.js'))),
		);
	});

	it('finds no violation in the tarball', () => {
		expect(findings(report.tarball)).toEqual([]);
		expect(report.tarball.passed).toBe(true);
	});

	it('scans the sources of nodes and credentials', () => {
		expect(report.source.files).toContain('package.json');
		expect(report.source.files.some((file) => /^nodes\/.+\.node\.ts$/.test(file))).toBe(true);
		expect(report.source.files.some((file) => /^credentials\/.+\.ts$/.test(file))).toBe(true);
	});

	it('finds no violation in the sources', () => {
		expect(findings(report.source)).toEqual([]);
		expect(report.source.passed).toBe(true);
	});
});
