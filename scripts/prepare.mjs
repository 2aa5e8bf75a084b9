// `prepare` runs when npm installs this package from git (`npm install git+https://…`), before npm packs it, and on
// `npm install` / `npm ci` in a clone. It builds only when dist/ is missing: a git install gets the complete package,
// and installs in a working copy that has built once stay fast. (`npm pack` and `npm publish` build through `prepack`.)
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// .ci/run builds in a step of its own, after the type-check and lint.
if (!existsSync('dist/index.js') && !process.env.RC_CALL_LOGGER_CI_RUN) execSync('npm run build', { stdio: 'inherit' });
