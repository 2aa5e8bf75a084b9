// Runs before `npm start` and `npm test` so both work on a fresh clone: installs the locked dependencies when
// any is missing and, with --browser, Debian's Chromium when no Chromium is found (as root, or with sudo).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findChrome } from './find-chrome.mjs';

const run = (command) => {
  console.log(`> ${command}`);
  execSync(command, { stdio: 'inherit' });
};

const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync('package.json', 'utf8'));
const missing = Object.keys({ ...dependencies, ...devDependencies }).filter(
  (name) => !existsSync(`node_modules/${name}`),
);
if (missing.length) run('npm ci --no-audit --no-fund');

if (process.argv.includes('--browser') && !findChrome()) {
  const canSudo = () => {
    try {
      execSync('sudo -n true', { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const sudo = process.getuid?.() === 0 ? '' : canSudo() ? 'sudo ' : null;
  if (sudo === null || !existsSync('/usr/bin/apt-get')) {
    console.error('No Chromium found. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH.');
    process.exit(1);
  }
  run(`${sudo}apt-get update -qq`);
  run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium`);
}
