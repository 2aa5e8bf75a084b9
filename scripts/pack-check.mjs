// `npm run pack:check` (CI, after the build): what `npm pack` publishes is what a user needs and nothing else.
//   - publint: every `exports` / `main` / `types` / `bin` target is packed, and the fields are well formed;
//   - arethetypeswrong: every subpath with types resolves them under each `moduleResolution` (node10 through
//     `typesVersions`, node16, bundler); importing the ES modules with `require()` is not a goal;
//   - the `customElements`, `web-types` and VS Code custom-data files are packed;
//   - no sources, tests, demo or tooling files;
//   - every `sourceMappingURL` points to a packed map, and every map carries its sources' text (no map to nowhere);
//   - an app that installs the package without React gets no React packages or types;
//   - `npm pack` in a copy of the repository with nothing built (as a fresh clone) builds and packs the same files
//     (under .ci/run, `prepare` does not build, so this proves `prepack`).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Entry points that are files to serve (a classic script, a page), not modules to import. */
const ASSETS = ['simulator/adapter.js', 'simulator/app.html', 'simulator/widget.js'];
/** What only `rc-call-logger/react` needs, and so only React apps install. */
const REACT_ONLY = ['react', '@lit/react', '@types/react', 'csstype'];

const run = (command, args, options = {}) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
const scratch = mkdtempSync(join(tmpdir(), 'rc-call-logger-pack-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const [report] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch]));
const tarball = join(scratch, report.filename);
const packed = new Set(report.files.map((file) => file.path));
const problems = [];

try {
  console.log(run('npx', ['--no-install', 'publint', 'run', tarball, '--strict']).trim());
} catch (error) {
  console.error(error.stdout);
  problems.push('publint found problems (above)');
}
try {
  run('npx', [
    '--no-install',
    'attw',
    tarball,
    '--ignore-rules',
    'cjs-resolves-to-esm',
    '--exclude-entrypoints',
    ...ASSETS,
  ]);
  console.log('arethetypeswrong: every subpath resolves its types (node10, node16, bundler)');
} catch (error) {
  console.error(error.stdout);
  problems.push('arethetypeswrong found problems (above)');
}

const required = [
  pkg.customElements,
  pkg['web-types'],
  'dist/vscode.html-custom-data.json',
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

// An app without React: what installing the packed package brings (resolved from the registry, nothing installed).
writeFileSync(join(scratch, 'package.json'), '{"name":"app-without-react","private":true}');
run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', tarball], {
  cwd: scratch,
});
const installed = Object.keys(JSON.parse(readFileSync(join(scratch, 'package-lock.json'), 'utf8')).packages)
  .filter(Boolean)
  .map((path) => path.replace(/^.*node_modules\//, ''));
for (const name of REACT_ONLY) {
  if (installed.includes(name)) problems.push(`an app without React installs ${name}`);
}
console.log(`an app without React installs: ${installed.join(', ')}`);

// A fresh clone: the tracked files only, no dist/ (node_modules linked, as `npm ci` would install it).
const clone = join(scratch, 'clone');
for (const file of run('git', ['ls-files', '-z']).split('\0').filter(Boolean)) {
  mkdirSync(dirname(join(clone, file)), { recursive: true });
  copyFileSync(file, join(clone, file));
}
symlinkSync(resolve('node_modules'), join(clone, 'node_modules'), 'dir');
const fromClone = join(scratch, 'from-clone');
mkdirSync(fromClone);
run('npm', ['pack', '--pack-destination', fromClone], { cwd: clone, stdio: ['ignore', 'ignore', 'inherit'] });
const clonePacked = new Set(
  run('tar', ['-tzf', join(fromClone, report.filename)])
    .split('\n')
    .filter(Boolean),
);
const relative = (entry) => entry.replace(/^package\//, '');
for (const file of packed) {
  if (!clonePacked.has(`package/${file}`)) problems.push(`npm pack in a fresh clone leaves out ${file}`);
}
for (const entry of clonePacked) {
  if (!packed.has(relative(entry))) problems.push(`npm pack in a fresh clone adds ${relative(entry)}`);
}
console.log(`npm pack in a fresh clone builds through prepack: ${clonePacked.size} files, the same`);

console.log(`npm pack: ${report.entryCount} files, ${report.size} B packed, ${report.unpackedSize} B unpacked`);
if (problems.length) {
  console.error(problems.map((problem) => `  ${problem}`).join('\n'));
  process.exit(1);
}
console.log('pack check: everything a user needs, nothing else');
