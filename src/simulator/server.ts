/// <reference types="node" />
/**
 * Serves the widget simulator from its own origin, for demos and end-to-end tests of your handlers:
 *
 *   const simulator = await startSimulator();      // http://127.0.0.1:<free port>
 *   <rc-call-logger adapter-src="${simulator.adapterUrl}" …>
 *
 * or from a shell: `npx rc-call-logger-simulator [--port 8101] [--host 127.0.0.1]`.
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

async function main(args: string[]): Promise<void> {
  const option = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const simulator = await startSimulator({ port: Number(option('port') ?? 8101), host: option('host') });
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
