export type Cell = string | number;

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function formatTable(title: string, header: string[], rows: Cell[][]): string {
	const cells = [header, ...rows.map((row) => row.map(String))];
	const widths = header.map((_, column) =>
		Math.max(...cells.map((row) => (row[column] ?? '').length)),
	);
	const numeric = header.map((_, column) =>
		rows.every(
			(row) => typeof row[column] === 'number' || /^[-\d.,x%]+$/.test(String(row[column])),
		),
	);
	const line = (row: string[]) =>
		row
			.map((cell, column) =>
				numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
			)
			.join('  ')
			.trimEnd();
	const rule = widths.map((width) => '-'.repeat(width)).join('  ');
	return [title, '', line(header), rule, ...rows.map((row) => line(row.map(String))), ''].join(
		'\n',
	);
}
