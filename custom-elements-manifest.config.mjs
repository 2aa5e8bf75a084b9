// `cem analyze` (run by `npm run build`): custom-elements.json from the sources' JSDoc, for editors and docs tools.

/** Paths as a user imports them: `dist/x.js`, not `src/x.ts`. */
function toDistPaths(node) {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && /^\/?src\/[\w-]+\.ts$/.test(value))
      node[key] = value.replace(/^\/?src\/([\w-]+)\.ts$/, 'dist/$1.js');
    else if (value && typeof value === 'object') toDistPaths(value);
  }
}

/** What users read: no `#private` members, events only as documented with `@fires`, and paths into `dist/`. */
const publicSurface = {
  name: 'rc-call-logger:public-surface',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        declaration.members = declaration.members?.filter((member) => !member.name.startsWith('#'));
        // The analyzer also guesses events from `dispatchEvent(new SomeEvent(value))` calls, naming them after the
        // argument; the `@fires` tags, which carry descriptions, are the real list.
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
      }
    }
    toDistPaths(customElementsManifest);
  },
};

export default {
  globs: ['src/*.ts'],
  exclude: ['src/simulator/**', 'src/react.ts'],
  outdir: '.',
  litelement: true,
  // Never rewrite package.json's "customElements" (the docs test generates a scratch manifest elsewhere).
  packagejson: false,
  plugins: [publicSurface],
};
