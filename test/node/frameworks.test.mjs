// docs/frameworks.md against the files the framework checkers check (`npm run test:types`), and the shipped editor
// data against custom-elements.json (both built by `npm run build`). Run by `npm test` (node --test).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const page = readFileSync('docs/frameworks.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const json = (path) => JSON.parse(readFileSync(path, 'utf8'));

describe('docs/frameworks.md', () => {
  /** `<!-- path -->` followed by a fenced code block: the block must be that file, as it is. */
  const snippets = [...page.matchAll(/^<!-- (test\/types\/\S+) -->\n```\w+\n([\s\S]*?)^```$/gm)];

  it('shows a checked snippet for every framework the checkers check', () => {
    const shown = snippets.map(([, path]) => path.split('/')[2]).sort();
    assert.deepEqual(shown, ['preact', 'react', 'solid', 'svelte', 'vue']);
  });

  for (const [, path, block] of snippets) {
    it(`shows ${path} as it is`, () => {
      assert.equal(block, readFileSync(path, 'utf8'));
    });
  }
});

describe('the package for editors and tools', () => {
  const manifest = json(pkg.customElements);
  const element = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'rc-call-logger');

  it('has a manifest of the current schema that says which modules define the tag', () => {
    assert.equal(manifest.schemaVersion, '2.1.0');
    const defining = manifest.modules
      .filter((module) => module.exports?.some((entry) => entry.kind === 'custom-element-definition'))
      .map((module) => module.path);
    assert.deepEqual(defining.sort(), ['dist/define.js', 'dist/index.js']);
    for (const path of defining) assert.ok(existsSync(path), `${path} is not built`);
  });

  it('ships VS Code custom data with every attribute of the manifest', () => {
    const [tag] = json('dist/vscode.html-custom-data.json').tags;
    assert.equal(tag.name, 'rc-call-logger');
    assert.deepEqual(
      tag.attributes.map((attribute) => attribute.name),
      element.attributes.map((attribute) => attribute.name),
    );
    for (const event of element.events) assert.match(tag.description, new RegExp(`\`${event.name}\``));
  });

  it('ships web-types, named in package.json, with every attribute, property and event', () => {
    assert.equal(pkg['web-types'], './dist/web-types.json');
    const webTypes = json(pkg['web-types']);
    assert.equal(webTypes.version, pkg.version);
    const [tag] = webTypes.contributions.html.elements;
    assert.equal(tag.name, 'rc-call-logger');
    assert.deepEqual(
      tag.attributes.map((attribute) => attribute.name),
      element.attributes.map((attribute) => attribute.name),
    );
    const fields = element.members.filter((member) => member.kind === 'field' && !member.static);
    assert.deepEqual(
      tag.js.properties.map((property) => property.name),
      fields.map((field) => field.name),
    );
    assert.deepEqual(
      tag.js.events.map((event) => `${event.name}: ${event.value.type}`),
      element.events.map((event) => `${event.name}: ${event.type.text}`),
    );
  });
});
