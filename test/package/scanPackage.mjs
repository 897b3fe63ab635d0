// Runs n8n's community-package scanner (@n8n/scan-community-package) on a local package,
// the two ways its CLI scans a published one: the compiled tarball contents (`**/*.js` and
// package.json) and the source the package was built from (package.json, nodes/,
// credentials/). Its CLI only takes published packages, so this imports its analysis.
//
//   node test/package/scanPackage.mjs <unpacked tarball folder> <source folder>
//
// Prints one JSON object on stdout: for each leg the scanner's verdict (passed, message,
// its stylish report) and every message ESLint gave under the scanner's config (file, rule,
// severity, message), so a failing test can say exactly what was flagged. Makes no network
// request: only the scanner's by-name path (not used here) talks to the registry.
import path from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';

const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');

// The patterns the scanner's CLI uses for each leg (see analyzePackageByName).
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const SOURCE_PATTERNS = scanner.SOURCE_FILE_PATTERNS;

async function messages(folder, patterns) {
	// The same ESLint setup as analyzePackage, to list warnings and errors one by one.
	const eslint = new ESLint({
		cwd: folder,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: folder,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	return {
		files: files.map((file) => path.relative(folder, file)).sort(),
		messages: results.flatMap((result) =>
			result.messages.map((message) => ({
				file: path.relative(folder, result.filePath),
				line: message.line,
				rule: message.ruleId,
				severity: message.severity === 2 ? 'error' : 'warning',
				message: message.message,
			})),
		),
	};
}

async function leg(folder, patterns) {
	const verdict = await scanner.analyzePackage(folder, patterns);
	const { files, messages: found } = await messages(folder, patterns);
	return {
		folder,
		passed: verdict.passed,
		message: verdict.message ?? null,
		details: verdict.details ?? null,
		files,
		messages: found,
	};
}

const [packageFolder, sourceFolder] = process.argv.slice(2);
if (!packageFolder || !sourceFolder) {
	process.stderr.write('usage: scanPackage.mjs <unpacked tarball folder> <source folder>\n');
	process.exit(2);
}

const report = {
	tarball: await leg(path.resolve(packageFolder), TARBALL_PATTERNS),
	source: await leg(path.resolve(sourceFolder), SOURCE_PATTERNS),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
