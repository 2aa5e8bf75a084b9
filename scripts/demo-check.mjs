// Opens the demo exactly as `npm start` serves it, in headless Chromium, and clicks through it:
// a call gets logged (row in the table, widget got {data}), then a failing CRM reaches the widget as an error.
// Screenshots go to screenshots/ (ignored by git). Exits 1 on any failure or console error.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromeArgs, findChrome } from './find-chrome.mjs';

const server = spawn(process.execPath, ['esbuild.config.mjs', '--serve'], {
  env: { ...process.env, PORT: String(8300 + Math.floor(Math.random() * 500)) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const found = String(chunk).match(/http:\/\/\S+\/demo\//);
    if (found) resolve(found[0]);
  });
  server.on('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
});

const browser = await chromium.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('Acme CRM is unavailable')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  await page.frameLocator('#rc-widget-adapter-frame').getByText('rc-adapter-register-third-party-service').first().waitFor();

  await page.click('#log-call');
  await page.locator('#logs td', { hasText: 'crm-1' }).waitFor();
  await page.locator('#wire', { hasText: '{"data":{"id":"crm-1"}}' }).waitFor();
  await page.click('#update-call');
  await page.locator('#logs td', { hasText: 'callLogSync' }).waitFor();
  await page.click('#match-calls');
  await page.locator('#wire', { hasText: '{"data":{"demo-' }).waitFor();
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: 'screenshots/demo-logged.png', fullPage: true });

  await page.check('#fail');
  await page.click('#log-call');
  await page.locator('#wire', { hasText: '{"error":{"message":"Acme CRM is unavailable"}}' }).waitFor();
  await page.screenshot({ path: 'screenshots/demo-failure.png', fullPage: true });
  if ((await page.locator('#logs tr').count()) !== 1) problems.push('the failed call was stored anyway');
} catch (error) {
  problems.push(error.message);
} finally {
  await browser.close();
  server.kill();
}
if (problems.length) {
  console.error(`demo check FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`demo check ok (${url}): call logged, updated, matched; a CRM failure reached the widget as an error`);
