// The React wrapper as a server renders it: a client module (`'use client'`) whose HTML carries the settings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { RcCallLogger } from '../../src/react.js';

describe('rc-call-logger/react on the server', () => {
  it("src/react.ts builds to a module that starts with 'use client', so a Server Component may import it", async () => {
    // As esbuild.config.mjs builds dist/: one module per source file, not bundled (.ci/run checks dist/react.js itself).
    const { outputFiles } = await esbuild.build({
      entryPoints: ['src/react.ts'],
      bundle: false,
      format: 'esm',
      write: false,
      outdir: 'dist',
      logLevel: 'silent',
    });
    assert.match(outputFiles[0].text, /^"use client";\n/);
  });

  it('renders the settings as attributes the element reads when it upgrades', () => {
    const html = renderToString(
      createElement(RcCallLogger, {
        serviceName: 'Acme CRM',
        adapterSrc: 'https://crm.example/adapter.js',
        responseTimeout: 5000,
        autoLog: true,
        backfill: false,
        autoLogReadOnlyValue: false,
        service: { info: 'objects wait for hydration' },
        onCallLog: () => {},
      }),
    );
    const attributes = Object.fromEntries(
      [...html.matchAll(/ ([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]),
    );
    assert.deepEqual(attributes, {
      'service-name': 'Acme CRM',
      'adapter-src': 'https://crm.example/adapter.js',
      'response-timeout': '5000',
      'auto-log': '',
      'auto-log-read-only-value': 'false',
    });
    assert.match(html, /^<rc-call-logger [^>]*><\/rc-call-logger>$/);
  });
});
