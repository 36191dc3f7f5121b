const { src, dest } = require('gulp');

/** tsc does not copy images: node and credential icons go into dist beside their code. */
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
