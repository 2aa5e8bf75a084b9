/// <reference types="node" />
/**
 * Serves the widget simulator from its own origin, for demos and end-to-end tests of your handlers:
 *
 *   const simulator = await startSimulator();      // http://127.0.0.1:<free port>
 *   <rc-call-logger adapter-src="${simulator.adapterUrl}" …>
 *
 * or from a shell: `npx rc-call-logger-simulator [--port 8101] [--host 127.0.0.1]` (`--help` for the options).
 * It serves the simulator's three files and nothing else.
 */
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const FILES: Record<string, string> = {
  '/adapter.js': 'text/javascript; charset=utf-8',
  '/widget.js': 'text/javascript; charset=utf-8',
  '/app.html': 'text/html; charset=utf-8',
};

export interface SimulatorServer {
  /** The simulator's origin, e.g. `http://127.0.0.1:8101`: keep it different from your page's. */
  origin: string;
  /** Where the adapter script is: the value for `adapter-src`. */
  adapterUrl: string;
  close(): Promise<void>;
}

export interface SimulatorServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export async function startSimulator({
  port = 0,
  host = '127.0.0.1',
}: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const server = createServer((request, response) => void serveFile(request, response));
  async function serveFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://simulator').pathname;
    const type = FILES[path];
    if (!type || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(fileURLToPath(new URL(`.${path}`, import.meta.url)));
      response
        .writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' })
        .end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response
        .writeHead(500, { 'content-type': 'text/plain' })
        .end(`rc-call-logger simulator: ${path} is missing; build the package`);
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    origin,
    adapterUrl: `${origin}/adapter.js`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // a browser's keep-alive connections would hold close() open
      }),
  };
}

const USAGE = `Usage: rc-call-logger-simulator [--port 8101] [--host 127.0.0.1]

Serves the RingCentral Embeddable widget simulator (adapter.js, app.html, widget.js) from an origin of its own,
so that a page with <rc-call-logger adapter-src="…/adapter.js"> runs without a RingCentral account.

  --port N      the port (default 8101; 0 picks a free one)
  --host NAME   the host name or address to listen on (default 127.0.0.1); the page must be on another origin
  --help        prints this text`;

async function main(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = new Map<string, string | undefined>();
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] !== '--port' && args[i] !== '--host') throw new Error(`unknown option ${args[i]}\n\n${USAGE}`);
    options.set(args[i].slice(2), args[i + 1]);
  }
  const simulator = await startSimulator({ port: Number(options.get('port') ?? 8101), host: options.get('host') });
  console.log(`RingCentral Embeddable simulator: ${simulator.origin}`);
  console.log(`  <rc-call-logger adapter-src="${simulator.adapterUrl}" service-name="…">   (Ctrl+C to stop)`);
}

// Run as a command (`npx rc-call-logger-simulator` reaches this file through a symlink), not when imported.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`rc-call-logger simulator: ${error.message}`);
    process.exit(1);
  });
}
