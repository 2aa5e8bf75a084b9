// `npm run build` (after `cem analyze`): editor data generated from custom-elements.json, so HTML editors complete
// and explain `<rc-call-logger>`'s attributes and events:
//   - dist/vscode.html-custom-data.json: VS Code's HTML custom data (the `html.customData` setting reads it);
//   - dist/web-types.json: JetBrains web-types (package.json's `web-types` field points at it; WebStorm reads it).
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8'));
const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
const element = declarations.find((declaration) => declaration.customElement && declaration.tagName);
if (!element) throw new Error(`editor data: ${pkg.customElements} declares no custom element`);

/** Constants a default names (`DEFAULT_RESPONSE_TIMEOUT`), by name. */
const constants = new Map(declarations.filter((d) => d.kind === 'variable').map((d) => [d.name, d.default]));
/** A default as an editor shows it: `10_000` → `10000`, `'/callLogger'` → `/callLogger`; undefined when unset. */
function defaultOf(attribute) {
  const value = constants.get(attribute.default) ?? attribute.default;
  if (value === undefined || value === 'undefined') return undefined;
  return value.replace(/^['"]|['"]$/g, '').replace(/(\d)_(\d)/g, '$1$2');
}
/** `string | undefined` → `string`. */
const typeOf = (attribute) => attribute.type?.text.replace(/ \| undefined$/, '') ?? 'string';
const docUrl = `${pkg.homepage ?? 'https://www.npmjs.com/package/rc-call-logger'}#readme`;
const describe = (item) =>
  [item.description, defaultOf(item) && `Default: \`${defaultOf(item)}\`.`].filter(Boolean).join(' ');
const booleans = (attribute) => typeOf(attribute) === 'boolean';

const vscode = {
  $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
  version: 1.1,
  tags: [
    {
      name: element.tagName,
      description: `${element.description}\n\nEvents: ${element.events.map((event) => `\`${event.name}\``).join(', ')}.`,
      attributes: element.attributes.map((attribute) => ({
        name: attribute.name,
        description: `${describe(attribute)} Type: \`${typeOf(attribute)}\`.`,
        ...(booleans(attribute) && { valueSet: 'v' }),
      })),
      references: [{ name: 'README', url: docUrl }],
    },
  ],
};

const webTypes = {
  $schema: 'https://json.schemastore.org/web-types',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  contributions: {
    html: {
      elements: [
        {
          name: element.tagName,
          description: element.description,
          'doc-url': docUrl,
          attributes: element.attributes.map((attribute) => ({
            name: attribute.name,
            description: attribute.description,
            ...(defaultOf(attribute) !== undefined && { default: defaultOf(attribute) }),
            value: booleans(attribute)
              ? { kind: 'no-value', type: 'boolean' }
              : { kind: 'plain', type: typeOf(attribute) },
          })),
          js: {
            properties: element.members
              .filter((member) => member.kind === 'field' && !member.static && member.privacy !== 'private')
              .map((field) => ({
                name: field.name,
                description: field.description,
                value: { type: typeOf(field) },
                ...(field.readonly && { 'read-only': true }),
              })),
            events: element.events.map((event) => ({
              name: event.name,
              description: event.description,
              value: { type: event.type.text },
            })),
          },
          events: element.events.map((event) => ({ name: event.name, description: event.description })),
        },
      ],
    },
  },
};

writeFileSync('dist/vscode.html-custom-data.json', `${JSON.stringify(vscode, null, 2)}\n`);
writeFileSync(pkg['web-types'], `${JSON.stringify(webTypes, null, 2)}\n`);
console.log(
  `editor data: dist/vscode.html-custom-data.json and ${pkg['web-types']} (${element.attributes.length} attributes, ${element.events.length} events)`,
);
