// `npm run pack:check` (CI, after the build): what `npm pack` would publish is what a user needs and nothing else.
//   - every `exports` / `bin` / `types` / `customElements` target is in the package;
//   - no sources, tests, demo or tooling files;
//   - every `sourceMappingURL` points to a packed map, and every map carries its sources' text (no map to nowhere).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const [report] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
const packed = new Set(report.files.map((file) => file.path));
const problems = [];

const targets = (value) => (typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap(targets));
const required = [
  ...targets(pkg.exports),
  ...targets(pkg.bin),
  pkg.types,
  pkg.customElements,
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
];
for (const target of required) {
  if (!packed.has(target.replace(/^\.\//, ''))) problems.push(`missing: ${target}`);
}

for (const file of packed) {
  if (/^(src|test|demo|bench|scripts|docs|\.ci)\//.test(file) || /\.(ts|tsx)$/.test(file.replace(/\.d\.ts$/, ''))) {
    problems.push(`should not be published: ${file}`);
  }
  if (file.endsWith('.js')) {
    const link = readFileSync(file, 'utf8').match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1];
    if (link && !link.startsWith('data:') && !packed.has(new URL(link, `file:///${file}`).pathname.slice(1))) {
      problems.push(`${file} points to a source map that is not published: ${link}`);
    }
  }
  if (file.endsWith('.map')) {
    const map = JSON.parse(readFileSync(file, 'utf8'));
    if (
      !map.sourcesContent ||
      map.sourcesContent.length !== map.sources.length ||
      map.sourcesContent.some((text) => text == null)
    ) {
      problems.push(`${file} maps to sources it does not carry`);
    }
  }
}

console.log(`npm pack: ${report.entryCount} files, ${report.size} B packed, ${report.unpackedSize} B unpacked`);
if (problems.length) {
  console.error(problems.map((problem) => `  ${problem}`).join('\n'));
  process.exit(1);
}
console.log('pack check: everything a user needs, nothing else');
