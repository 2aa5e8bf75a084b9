// `cem analyze` (run by `npm run build`): custom-elements.json from the sources' JSDoc, for editors and docs tools.

/** Paths as a user imports them: `dist/x.js`, not `src/x.ts`. */
function toDistPaths(node) {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && /^\/?src\/[\w-]+\.ts$/.test(value))
      node[key] = value.replace(/^\/?src\/([\w-]+)\.ts$/, 'dist/$1.js');
    else if (value && typeof value === 'object') toDistPaths(value);
  }
}

const kebab = (name) => name.replace(/[A-Z]/g, (capital) => `-${capital.toLowerCase()}`);

/**
 * Attributes as the element names them: a property without an explicit `attribute` gets its name in kebab case
 * (src/settings.ts), where the analyzer assumes Lit's default, the name as it is.
 */
function kebabAttributes(declaration) {
  for (const attribute of declaration.attributes ?? []) {
    if (attribute.name !== attribute.fieldName) continue;
    attribute.name = kebab(attribute.fieldName);
    const field = declaration.members?.find((member) => member.name === attribute.fieldName);
    if (field) field.attribute = attribute.name;
  }
}

/** The custom elements manifest schema the output follows (`cssStates` came with 2.1.0). */
const SCHEMA_VERSION = '2.1.0';

/** The modules that define the tag when imported (`RcCallLoggerElement.define()`, which the analyzer cannot read). */
const DEFINING_MODULES = ['dist/define.js', 'dist/index.js'];

/** A `custom-element-definition` export for `<rc-call-logger>` in each module that defines it. */
function addDefinitionExports(manifest) {
  const element = manifest.modules.find((module) =>
    module.declarations?.some((declaration) => declaration.tagName === 'rc-call-logger'),
  );
  if (!element) throw new Error('custom-elements-manifest: no module declares <rc-call-logger>');
  const declaration = { name: 'RcCallLoggerElement', module: element.path };
  for (const path of DEFINING_MODULES) {
    const module = manifest.modules.find((candidate) => candidate.path === path);
    if (!module) throw new Error(`custom-elements-manifest: ${path} not found`);
    module.exports = [
      ...(module.exports ?? []),
      { kind: 'custom-element-definition', name: 'rc-call-logger', declaration },
    ];
  }
}

/** The element's events, read from `RcCallLoggerEventMap` in src/events.ts: the one list of them. */
const events = [];

/**
 * What users read: no `#private` members, the events of the event map (the analyzer's own guesses from
 * `dispatchEvent(new SomeEvent(value))` calls name them after the argument), and paths into `dist/`.
 */
const publicSurface = {
  name: 'rc-call-logger:public-surface',
  analyzePhase({ ts, node }) {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'RcCallLoggerEventMap') return;
    for (const member of node.members) {
      if (!ts.isPropertySignature(member)) continue;
      events.push({
        name: member.name.text,
        type: { text: member.type.getText() },
        description: (member.jsDoc ?? []).map((doc) => ts.getTextOfJSDocComment(doc.comment)).join('\n'),
      });
    }
  },
  packageLinkPhase({ customElementsManifest }) {
    if (events.length === 0) throw new Error('custom-elements-manifest: RcCallLoggerEventMap not found');
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        declaration.members = declaration.members?.filter((member) => !member.name.startsWith('#'));
        kebabAttributes(declaration);
        if (declaration.customElement) declaration.events = events;
        else delete declaration.events;
      }
    }
    toDistPaths(customElementsManifest);
    addDefinitionExports(customElementsManifest);
    // The analyzer writes 1.0.0; what it writes (`cssStates` included) is of the current schema.
    customElementsManifest.schemaVersion = SCHEMA_VERSION;
  },
};

export default {
  globs: ['src/*.ts'],
  exclude: [
    'src/simulator/**',
    'src/react.ts',
    'src/vue.ts',
    'src/svelte.ts',
    'src/preact.ts',
    'src/solid.ts',
    'src/tag-types.ts',
  ],
  outdir: '.',
  litelement: true,
  // Never rewrite package.json's "customElements" (the docs test generates a scratch manifest elsewhere).
  packagejson: false,
  plugins: [publicSurface],
};
