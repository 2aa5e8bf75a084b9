// The README's reference tables against custom-elements.json, generated fresh from the sources' JSDoc:
// attributes and properties (names, types, defaults), events and their classes, CSS states, public methods.
// Run by `npm test` (node --test); fails on any disagreement, naming it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';

const readme = readFileSync('README.md', 'utf8');
let element;
let variables;

before(() => {
  // The analyzer resolves --outdir against the working directory, so the scratch directory must be under it.
  const outdir = mkdtempSync(join('node_modules', '.cache-manifest-'));
  after(() => rmSync(outdir, { recursive: true, force: true }));
  execFileSync(
    process.execPath,
    ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--outdir', relative('.', outdir)],
    {
      stdio: 'ignore',
    },
  );
  const manifest = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8'));
  const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
  element = declarations.find((declaration) => declaration.tagName === 'rc-call-logger');
  variables = new Map(declarations.filter((d) => d.kind === 'variable').map((d) => [d.name, d.default]));
});

/** The rows of the first Markdown table under `heading`, as arrays of cells. */
function table(heading) {
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  assert.ok(section, `README has no "## ${heading}" section`);
  const [rows] = section.match(/(^\|.*\n)+/m);
  return rows
    .trim()
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}
const code = (cell) => cell.replace(/^`|`$/g, '');

/** "string | undefined" → "string"; "Record<…>" → "object"; "RequestCredentials" (a union of strings) → "string". */
const manifestType = (text = '') =>
  text.startsWith('Record<') ? 'object' : text === 'RequestCredentials' ? 'string' : text.replace(/ \| undefined$/, '');
/** "number (ms)" → "number"; '`"true"` / `"false"` → boolean' → "boolean". */
const readmeType = (cell) => cell.match(/(string|boolean|number|object)(?!.*(string|boolean|number|object))/)[1];
/** A manifest default, with constants looked up: "DEFAULT_RESPONSE_TIMEOUT" → "10000", "'/callLogger'" → "/callLogger". */
function manifestDefault(value) {
  if (value === undefined || value === 'undefined') return 'unset';
  const resolved = variables.get(value) ?? value;
  return resolved.replace(/^['"]|['"]$/g, '').replace(/(\d)_(\d)/g, '$1$2');
}
const readmeDefault = (cell) => (cell.startsWith('unset') ? 'unset' : code(cell));

describe('README and custom-elements.json agree', () => {
  it('on every attribute and property: name, type, default', () => {
    const documented = table('Attributes and properties').map(([attribute, property, type, defaultValue]) => ({
      attribute: attribute === '—' ? undefined : code(attribute),
      property: code(property),
      type: readmeType(type),
      default: readmeDefault(defaultValue),
    }));
    const fields = element.members.filter(
      (member) => member.kind === 'field' && !member.static && !member.readonly && member.privacy === 'public',
    );
    const generated = fields.map((field) => ({
      attribute: field.attribute,
      property: field.name,
      type: manifestType(field.type?.text),
      default: manifestDefault(field.default),
    }));
    assert.deepEqual(
      [...documented].sort((a, b) => a.property.localeCompare(b.property)),
      [...generated].sort((a, b) => a.property.localeCompare(b.property)),
    );
  });

  it('on every event and its class', () => {
    const documented = table('Events').map(([name, type]) => `${code(name)}: ${code(type)}`);
    const generated = element.events.map((event) => `${event.name}: ${event.type.text}`);
    assert.deepEqual(documented.sort(), generated.sort());
  });

  it('on the CSS states', () => {
    const row = table('Methods and state').find(([member]) => member.includes(':state('));
    const documented = [...row[0].matchAll(/:state\(([\w-]+)\)/g)].map((match) => match[1]);
    assert.deepEqual(documented.sort(), element.cssStates.map((state) => state.name).sort());
  });

  it('on the public methods and read-only state', () => {
    const members = table('Methods and state').flatMap(([member]) =>
      [...member.matchAll(/`(\w+)(?:\(|`)/g)].map((match) => match[1]),
    );
    const instance = element.members.filter(
      (member) => !member.static && (member.kind === 'method' || member.readonly),
    );
    assert.deepEqual(members.sort(), instance.map((member) => member.name).sort());
  });

  it('on the static methods, each documented somewhere', () => {
    for (const method of element.members.filter((member) => member.static && member.kind === 'method')) {
      assert.ok(
        readme.includes(`RcCallLoggerElement.${method.name}(`),
        `README never shows RcCallLoggerElement.${method.name}()`,
      );
    }
  });
});
