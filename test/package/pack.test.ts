import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';

import { REPO_ROOT } from '../realN8n/repoPaths';
import type { UnpackedPackage } from './packedPackage';
import { packAndUnpack } from './packedPackage';

// What `npm publish` would upload, checked on the real tarball of the built package.

interface Manifest {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
}

interface IconOwner {
	description?: { name: string; icon?: unknown };
	name?: string;
	icon?: unknown;
}

let packed: UnpackedPackage;
let manifest: Manifest;

beforeAll(async () => {
	packed = await packAndUnpack();
	manifest = JSON.parse(readFileSync(join(packed.folder, 'package.json'), 'utf8')) as Manifest;
}, 120_000);

afterAll(async () => await packed?.dispose());

/** The only things a user's n8n needs: built code, icons, codex files, and the docs. */
function allowed(entry: string): boolean {
	if (['package.json', 'README.md', 'LICENSE'].includes(entry)) return true;
	return /^dist\/(nodes|credentials)\/.+\.(js|svg|png|node\.json)$/.test(entry);
}

function loadClass(path: string): Record<string, unknown> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(join(packed.folder, path)) as Record<string, unknown>;
}

/** The built class a package.json path names; n8n requires the export to match the file. */
function instanceFrom(path: string): IconOwner {
	const className = basename(path).split('.')[0];
	const exported = loadClass(path)[className] as (new () => IconOwner) | undefined;
	if (typeof exported !== 'function') throw new Error(`${path} does not export ${className}`);
	return new exported();
}

function iconFiles(icon: unknown): string[] {
	const values = typeof icon === 'string' ? [icon] : Object.values(icon as object);
	return values.map((value: string) => {
		expect(value).toMatch(/^file:/);
		return value.slice('file:'.length);
	});
}

function expectIconsPacked(modulePath: string, icon: unknown): void {
	const files = iconFiles(icon).map((file) => posix.join(posix.dirname(modulePath), file));
	for (const file of files) expect(packed.entries).toContain(file);
	// Light and dark must both exist and differ, or n8n shows the wrong one on a dark canvas.
	expect(files).toHaveLength(2);
	const [light, dark] = files.map((file) => readFileSync(join(packed.folder, file)));
	expect(light.equals(dark)).toBe(false);
}

describe('npm pack', () => {
	it('is the package.json of the repository', () => {
		const repo = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
		expect(packed.name).toBe(repo.name);
		expect(packed.version).toBe(repo.version);
		expect(manifest).toEqual(repo);
		expect(packed.name).toMatch(/^n8n-nodes-/);
		expect(packed.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
	});

	it('holds the built code, icons, codex, README, LICENSE and package.json, nothing else', () => {
		expect(packed.entries).toEqual(
			expect.arrayContaining(['package.json', 'README.md', 'LICENSE']),
		);
		expect(packed.entries.filter((entry) => !allowed(entry))).toEqual([]);
		// Spelled out, so a failure names the kind of file that slipped in.
		const unwanted =
			/(\.ts|\.map|\.tsbuildinfo)$|(^|\/)(test|tests|__tests__|simulator|harness|scripts|examples|bench)\//;
		expect(packed.entries.filter((entry) => unwanted.test(entry))).toEqual([]);
		expect(packed.entries.filter((entry) => entry.endsWith('.svg')).length).toBeGreaterThan(0);
		expect(packed.entries.filter((entry) => entry.endsWith('.node.json')).length).toBeGreaterThan(
			0,
		);
	});

	it('has a source file for every built file (no leftovers of deleted code)', () => {
		const stale = packed.entries
			.filter((entry) => entry.startsWith('dist/') && entry.endsWith('.js'))
			.filter(
				(entry) =>
					!existsSync(join(REPO_ROOT, entry.slice('dist/'.length).replace(/\.js$/, '.ts'))),
			);
		expect(stale).toEqual([]);
	});

	it('holds every path in the n8n section of package.json', () => {
		expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
		const paths = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
		for (const path of paths) {
			expect(path).toMatch(/^dist\//);
			expect(packed.entries).toContain(path);
		}
	});

	it('declares no runtime dependencies and only n8n-workflow as peer', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(Object.keys(manifest.peerDependencies ?? {})).toEqual(['n8n-workflow']);
	});

	it.each(['nodes', 'credentials'] as const)(
		'ships loadable %s whose icons are packed next to them',
		(section) => {
			for (const path of manifest.n8n[section]) {
				const instance = instanceFrom(path);
				const icon = section === 'nodes' ? instance.description?.icon : instance.icon;
				expectIconsPacked(path, icon);
			}
		},
	);

	it('ships a codex file for every node, naming the node as n8n will', () => {
		for (const path of manifest.n8n.nodes) {
			const codexPath = path.replace(/\.js$/, '.json');
			expect(packed.entries).toContain(codexPath);
			const codex = JSON.parse(readFileSync(join(packed.folder, codexPath), 'utf8')) as {
				node: string;
				categories: string[];
				resources: Record<string, unknown>;
			};
			const { description } = instanceFrom(path);
			expect(codex.node).toBe(`${manifest.name}.${description?.name}`);
			expect(codex.categories.length).toBeGreaterThan(0);
			expect(codex.resources).toHaveProperty('primaryDocumentation');
			expect(dirname(codexPath)).toBe(dirname(path));
		}
	});
});
