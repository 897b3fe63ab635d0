import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Files of exactly `size` bytes written under `folder` since `since` (ms since epoch). */
export async function filesWritten(folder: string, size: number, since: number): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		const info = await stat(path);
		if (info.size === size && info.mtimeMs >= since) found.push(path);
	}
	return found;
}

/** Whether the file holds exactly these bytes. */
export async function sameBytes(path: string, expected: Buffer): Promise<boolean> {
	return (await readFile(path)).equals(expected);
}
