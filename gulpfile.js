const path = require('path');
const { task, src, dest } = require('gulp');

// tsc compiles the code; the editor also needs the icons next to the built files.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { encoding: false }).pipe(
		dest((file) => path.join('dist', path.relative(file.cwd, file.base))),
	),
);
