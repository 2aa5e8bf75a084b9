// Every code block in README.md, SECURITY.md and docs/*.md is checked, so a snippet cannot rot (a block marked
// `<!-- test/types/… -->` is that file, checked by its framework's checker), and no document points outside the
// repository:
//   - ts / tsx: type-checked as modules against the package's public entry points (the `exports` map, resolved to
//     freshly built `.d.ts` files), strict and with noUnusedLocals;
//   - js, and the module scripts of html blocks: type-checked the way an editor checks JavaScript (checkJs);
//   - html: every attribute on <rc-call-logger> is one the README's attribute table lists;
//   - sh: every `npm run` script, `npx` command and `npm install` spec exists;
//   - json: parses. `text` blocks (policies, output) are prose.
// Free names the snippets share (`crm`, `logger`, …) are declared once in scripts/snippet-globals.d.ts.
// A block that is deliberately partial is preceded by `<!-- snippet: skip (why) -->`; keep those rare.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const documents = [
  'README.md',
  'SECURITY.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/**
 * Every fenced block: where it is, its language, its text, whether a skip marker precedes it, and whether it is a
 * file under test/types (frameworks.test.mjs keeps the two equal; `npm run test:types` checks the file).
 */
function blocks(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  for (const match of text.matchAll(
    /^(<!-- (snippet: skip\b|test\/types\/)([^>]*)-->\n)?```(\S*)\n([\s\S]*?)^```$/gm,
  )) {
    const line = text.slice(0, match.index).split('\n').length + (match[1] ? 1 : 0);
    const [, , marker, rest, language, code] = match;
    found.push({
      where: `${file}:${line}`,
      skipped: marker === 'snippet: skip',
      // The path of the test/types file this block claims to be.
      elsewhere: marker === 'test/types/' ? `${marker}${rest.trim()}` : undefined,
      language,
      code,
    });
  }
  return found;
}
const all = documents.flatMap(blocks);
const checked = all.filter((block) => !block.skipped && !block.elsewhere);

/**
 * The protocol notes the project was written from live outside the repository, and so do their section numbers (§);
 * project files explain in their own words.
 */
const CITES_OUTSIDE = /(?<![\w-])protocol\.md|\.\.\/shared|§ ?\d/;

const CHECKERS = ['ts', 'tsx', 'js', 'html', 'sh', 'json', 'text'];

/** The attributes the README's table documents (the docs test keeps that table equal to the element's). */
const attributes = new Set(
  [...readFileSync('README.md', 'utf8').matchAll(/^\| `([a-z-]+)` \| `\w+` \|/gm)].map((match) => match[1]),
);

describe('code blocks in README.md, SECURITY.md and docs/', () => {
  it('each has a language this test checks, and skips stay rare', () => {
    for (const block of checked) {
      assert.ok(CHECKERS.includes(block.language), `${block.where}: a \`\`\`${block.language} block is not checked`);
    }
    const skipped = all.filter((block) => block.skipped);
    assert.ok(skipped.length <= 3, `${skipped.length} blocks skip the check: ${skipped.map((b) => b.where)}`);
  });

  it('a block marked as a test/types file is that file, as it is', () => {
    const marked = all.filter((block) => block.elsewhere);
    assert.ok(marked.length >= 5, `only ${marked.length} blocks are marked as test/types files`);
    for (const block of marked) {
      assert.ok(existsSync(block.elsewhere), `${block.where}: ${block.elsewhere} does not exist`);
      assert.equal(block.code, readFileSync(block.elsewhere, 'utf8'), `${block.where} is not ${block.elsewhere}`);
    }
  });

  it('no tracked file cites the protocol notes that are not in the repository', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
    assert.ok(tracked.length > 100, 'git lists the repository');
    for (const file of tracked.filter((name) => !/\.(png|ico|lock)$|package-lock\.json$/.test(name))) {
      assert.doesNotMatch(
        readFileSync(file, 'utf8'),
        CITES_OUTSIDE,
        `${file} cites a file that is not in the repository`,
      );
    }
  });

  it('no document points outside the repository', () => {
    for (const file of documents) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, CITES_OUTSIDE, `${file} cites a file that is not in the repository`);
      for (const [, target] of text.matchAll(/\]\((?!https?:|#|mailto:)([^)#]+)/g)) {
        const path = relative('.', resolve(dirname(file), target));
        assert.ok(!path.startsWith('..'), `${file} links outside the repository: ${target}`);
      }
    }
  });

  it('json blocks parse', () => {
    for (const block of checked.filter((b) => b.language === 'json')) {
      assert.doesNotThrow(() => JSON.parse(block.code), block.where);
    }
  });

  it('html blocks use only documented attributes on <rc-call-logger>', () => {
    assert.ok(attributes.size > 20, 'the README attribute table was not found');
    for (const block of checked.filter((b) => b.language === 'html')) {
      for (const [, attrs] of block.code.matchAll(/<rc-call-logger\b([^>]*)>/g)) {
        for (const [, name] of attrs.replace(/"[^"]*"|'[^']*'/g, '').matchAll(/([a-z][\w-]*)/g)) {
          assert.ok(attributes.has(name), `${block.where}: <rc-call-logger ${name}> is not an attribute`);
        }
      }
    }
  });

  it('sh blocks name scripts, commands and packages that exist', () => {
    const bins = new Set(Object.keys(pkg.bin));
    for (const block of checked.filter((b) => b.language === 'sh')) {
      for (let command of block.code.split(/\n|&&/).map((line) => line.replace(/(^|\s)#.*/, '').trim())) {
        // environment variables before a command: check the command
        command = command.replace(/^(?:[A-Z_]+=\S*\s+)+/, '');
        if (!command) continue;
        const script = command.match(/^npm (?:run )?(?:--silent )?([\w:]+)/)?.[1];
        if (/^npm (install|i|pack|publish|view|ci)\b/.test(command)) {
          const spec = command.split(/\s+/)[2];
          assert.ok(
            !spec || spec.startsWith('./') || /(^|\/)rc-call-logger(-[\d.]+\.tgz)?$/.test(spec) || spec.includes('#'),
            `${block.where}: npm install ${spec}: not this package`,
          );
        } else if (command.startsWith('npx ')) {
          assert.ok(bins.has(command.split(/\s+/)[1]), `${block.where}: ${command}: no such bin in package.json`);
        } else if (script) {
          assert.ok(script in pkg.scripts, `${block.where}: ${command}: no such script in package.json`);
        } else {
          assert.match(command, /^(git|cd|node|open|tar|ls) /, `${block.where}: ${command}: not a command this checks`);
        }
      }
    }
  });

  it('ts, tsx and js blocks (and html module scripts) type-check against the public entry points', () => {
    // Under node_modules, so that the snippets resolve @types and react from this repository.
    const dir = mkdtempSync(join('node_modules', '.cache-snippets-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const files = new Map();
    const write = (block, extension, code) => {
      const name = `${block.where.replace(/\W+/g, '-')}-${files.size}.${extension}`;
      files.set(name, block.where);
      // `export {}` makes each block a module of its own, so blocks may reuse names.
      writeFileSync(join(dir, name), `${code}\nexport {};\n`);
    };
    for (const block of checked) {
      if (block.language === 'ts' || block.language === 'tsx') write(block, block.language, block.code);
      if (block.language === 'js') write(block, 'js', block.code);
      if (block.language === 'html') {
        for (const script of block.code.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) {
          // Blank lines in front keep the error lines pointing at the document's lines.
          const before = block.code.slice(0, script.index).split('\n').length - 1;
          write(block, 'js', '\n'.repeat(before) + script[1]);
        }
      }
    }
    assert.ok(files.size >= 5, `only ${files.size} blocks found to type-check`);
    copyFileSync('scripts/snippet-globals.d.ts', join(dir, 'snippet-globals.d.ts'));

    // The package's types exactly as `npm run build` makes them (tsconfig.build.json), into the scratch directory,
    // and the package's own specifiers resolved through `exports` to them, as a user's bundler does.
    execFileSync(process.execPath, [
      'node_modules/typescript/bin/tsc',
      ...['-p', 'tsconfig.build.json', '--outDir', join(dir, 'types')],
    ]);
    const paths = {};
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target !== 'object') continue;
      paths[subpath.replace(/^\./, pkg.name)] = [target.types.replace(/^\.\/dist\//, './types/')];
    }
    const compilerOptions = {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      strict: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      useDefineForClassFields: false,
      skipLibCheck: true,
      allowJs: true,
      checkJs: true,
      noEmit: true,
      types: [],
      paths,
    };
    // TypeScript blocks as strict as this repository; JavaScript blocks as an editor checks a plain .js file.
    const projects = {
      ts: { compilerOptions, include: ['*.ts', '*.tsx'] },
      js: {
        compilerOptions: { ...compilerOptions, strict: false, noUnusedLocals: false, noUnusedParameters: false },
        include: ['*.js', '*.d.ts'],
      },
    };
    let output = '';
    for (const [name, project] of Object.entries(projects)) {
      writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(project));
      try {
        execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', join(dir, `tsconfig.${name}.json`)], {
          encoding: 'utf8',
        });
      } catch (error) {
        output += String(error.stdout);
      }
    }
    // Name each error by its document and line, not by the scratch file.
    const errors = output.replace(/^.*?([\w-]+\.(?:tsx?|js))\((\d+),\d+\)/gm, (line, name, row) => {
      const where = files.get(name);
      if (!where) return line;
      const [file, start] = where.split(':');
      return `${file}:${Number(start) + Number(row)}`;
    });
    assert.equal(errors.trim(), '', `snippets that do not type-check:\n${errors}`);
  });
});
