// `npm publish` runs this first (prepublishOnly): it refuses to publish a package whose users could not report a
// vulnerability or find the source. The release checklist (docs/release.md) says how to fill in what is missing.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const missing = ['repository', 'bugs', 'author'].filter((field) => !pkg[field]);
if (missing.length) {
  console.error(
    `release check: package.json has no ${missing.join(', ')}. SECURITY.md's reporting channel and the README's ` +
      'links need a public repository first: see docs/release.md.',
  );
  process.exit(1);
}
console.log('release check: repository, bugs and author are set');
