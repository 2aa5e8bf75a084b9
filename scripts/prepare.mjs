// `prepare` runs when npm installs this package from git (`npm install git+https://…`), before npm packs it, and on
// `npm install` / `npm ci` in a clone. It builds only when dist/ is missing: a git install gets the complete package,
// and installs in a working copy that has built once stay fast. (`npm pack` and `npm publish` build through `prepack`.)
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/index.js')) execSync('npm run build', { stdio: 'inherit' });
