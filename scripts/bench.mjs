// `npm run bench`: <rc-call-logger> side by side with the hand-written baseline integrators write today, in one
// run of headless Chromium. Both pages (bench/element.html, bench/baseline.html) talk to the same fake widget
// (bench/widget.html, on another origin), which times each request from posting it to seeing the reply.
// Element and baseline runs alternate (ABBA) so that drift hits both; figures are medians.
// Prints a markdown table and writes JSON (bench-results.json, or --out PATH). --fast: tiny counts, for CI.
// Exits 0 whatever the timings; 1 when something breaks (a request unanswered or answered wrong, a page error,
// a console error, a timeout).
import * as esbuild from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { cdnBuildOptions } from './cdn-build-options.mjs';
import { chromeArgs, findChrome } from './find-chrome.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const FAST = argv.includes('--fast');
const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : join(root, 'bench-results.json');
if (!out) throw new Error('--out needs a path');
/** `--only 1,2`: just those figures, for a quick look while working on one of them. */
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1]?.split(',').map(Number) : undefined;
if (only && !only.every((figure) => figure >= 1 && figure <= 6)) throw new Error('--only takes figure numbers 1-6');
const wants = (figure) => !only || only.includes(figure);

const N = FAST
  ? {
      rounds: 3,
      samples: 2,
      chain: 10,
      burst: 200,
      burstTrials: 3,
      matchIds: 200,
      matchTrials: 3,
      announceTrials: 3,
      costTrials: 3,
      requests: 2_000,
      wave: 200,
      warmCycles: 3,
      cycles: 20,
    }
  : {
      rounds: 10,
      samples: 10,
      chain: 20,
      burst: 10_000,
      burstTrials: 11,
      matchIds: 10_000,
      matchTrials: 41,
      announceTrials: 40,
      costTrials: 10,
      requests: 100_000,
      wave: 1_000,
      warmCycles: 10,
      cycles: 1_000,
    };
/** Heap growth beyond the baseline's that still counts as noise: 64 bytes per mount cycle would already exceed it. */
const HEAP_SLACK_KB = 64;
const SIDES = ['element', 'baseline'];

const began = performance.now();
const log = (what) => console.error(`  ${((performance.now() - began) / 1000).toFixed(1)} s ${what}`);
const watchdog = setTimeout(
  () => {
    console.error(`bench FAILED: not finished after ${FAST ? 2 : 10} minutes`);
    process.exit(1);
  },
  (FAST ? 2 : 10) * 60_000,
);

// The production file users ship: the CDN build of src/index.ts (as in esbuild.config.mjs), kept in memory.
const built = await esbuild.build({
  ...cdnBuildOptions,
  absWorkingDir: root,
  logLevel: 'warning',
  write: false,
  outfile: 'rc-call-logger.js',
});
const bundle = built.outputFiles[0].text;

// One server, two origins: pages at http://localhost:PORT, the adapter and the widget at http://127.0.0.1:PORT.
const TYPES = { html: 'text/html', js: 'text/javascript' };
const server = createServer(async (request, response) => {
  const path = new URL(request.url, 'http://x').pathname;
  const file = path.match(/^\/bench\/([\w-]+)\.(html|js)$/);
  let body;
  if (path === '/bench/rc-call-logger.js') body = bundle;
  else if (file) body = await readFile(join(root, 'bench', `${file[1]}.${file[2]}`), 'utf8').catch(() => undefined);
  if (body === undefined) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'content-type': `${TYPES[file?.[2] ?? 'js']}; charset=utf-8`,
    'cache-control': 'no-store',
  });
  response.end(body.replaceAll('__WIDGET_ORIGIN__', WIDGET_ORIGIN));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const PAGE_ORIGIN = `http://localhost:${server.address().port}`;
const WIDGET_ORIGIN = `http://127.0.0.1:${server.address().port}`;

const problems = [];
const browser = await chromium.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
// One context per side: separate renderer processes, so one side's heap and garbage never mix with the other's.
const contexts = { element: await browser.newContext(), baseline: await browser.newContext() };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function newPage(side, context = contexts[side]) {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${side}: page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${side}: console error: ${message.text()}`);
  });
  page.on('crash', () => problems.push(`${side}: page crashed`));
  return page;
}

async function widgetFrame(page) {
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(`${WIDGET_ORIGIN}/bench/widget.html`));
    if (frame) {
      await frame.waitForFunction(() => window.benchWidget, null, { timeout: 10_000 });
      return frame;
    }
    await sleep(20);
  }
  throw new Error(`no widget frame on ${page.url()}`);
}

async function openSide(side) {
  const page = await newPage(side);
  await page.goto(`${PAGE_ORIGIN}/bench/${side}.html`);
  const widget = await widgetFrame(page);
  const boot = await widget.evaluate(() => window.benchWidget.booted);
  const cdp = await contexts[side].newCDPSession(page);
  // The widget runs in its own process (another site): collect its garbage too between trials.
  const widgetCdp = await contexts[side].newCDPSession(widget).catch(() => undefined);
  return { page, widget, cdp, widgetCdp, boot };
}

/** Runs `run(side)` `rounds` times per side, alternating which side goes first, and collects what it returns. */
async function alternate(rounds, run) {
  const results = { element: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 ? [...SIDES].reverse() : SIDES) results[side].push(...[await run(side)].flat());
  }
  return results;
}

async function collectGarbage({ cdp, widgetCdp }) {
  await cdp.send('HeapProfiler.collectGarbage');
  await widgetCdp?.send('HeapProfiler.collectGarbage');
}

/** The page's JS heap in KB after garbage collection: the median of three readings. */
async function heapKB(cdp) {
  const readings = [];
  for (let i = 0; i < 3; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize, embedderHeapUsedSize = 0 } = await cdp.send('Runtime.getHeapUsage');
    readings.push({ js: usedSize / 1024, embedder: embedderHeapUsedSize / 1024 });
  }
  return { js: median(readings.map((r) => r.js)), embedder: median(readings.map((r) => r.embedder)), readings };
}

/**
 * The page's heap from a snapshot, in KB of self size, by what holds it: compiled code (V8's JIT output, which grows
 * as more functions get optimised), the browser's resource-timing buffer (an entry per frame or script loaded, capped
 * at 250), and the rest: the objects, closures and DOM a leak would keep.
 */
async function heapParts(cdp) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }); // collects garbage first
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot, nodes, strings } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const [type, name, size] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const types = snapshot.meta.node_types[type];
  const parts = { code: 0, resourceTiming: 0, rest: 0 };
  for (let i = 0; i < nodes.length; i += fields.length) {
    const part =
      types[nodes[i + type]] === 'code'
        ? 'code'
        : strings[nodes[i + name]] === 'PerformanceResourceTiming'
          ? 'resourceTiming'
          : 'rest';
    parts[part] += nodes[i + size] / 1024;
  }
  return parts;
}

/**
 * Figure 5 on a fresh, empty page each time (cost.html, nothing loaded yet): the time from inserting the tag or
 * running the baseline's snippet to the start of the adapter script's fetch (its resource-timing startTime, on the
 * page's own clock), and how long that call blocked the page.
 * For the element also the bundle's module definition time, from the browser's own trace (what the Performance
 * panel shows): `v8.compileModule` + `v8.evaluateModule` on the main thread, i.e. compiling the module and running
 * its top level (Lit's base class, the element class, customElements.define), with the functions it compiles
 * lazily on the way. Wall-clock marks around import() would mostly measure the fetch and task hops (an empty
 * module takes ~2-4 ms that way here). Parsing that Chromium streams on a background thread is kept apart.
 * A fresh page and a fresh URL each time, so no code cache helps: the first visit's cost.
 */
async function costTrial(side, trial) {
  const page = await newPage(side);
  try {
    await page.goto(`${PAGE_ORIGIN}/bench/cost.html`);
    const result = {};
    if (side === 'element') {
      const url = `${PAGE_ORIGIN}/bench/rc-call-logger.js?trial=${trial}`;
      await browser.startTracing(undefined, { categories: ['devtools.timeline', 'v8'] });
      result.importMs = await page.evaluate(async (url) => {
        const start = performance.now();
        await import(url);
        if (!customElements.get('rc-call-logger')) throw new Error('the bundle did not define <rc-call-logger>');
        return performance.now() - start;
      }, url);
      const events = JSON.parse(String(await browser.stopTracing())).traceEvents;
      const compile = events.find((event) => event.name === 'v8.compileModule' && event.args?.data?.url === url);
      const evaluate = events.find(
        (event) => event.name === 'v8.evaluateModule' && event.pid === compile?.pid && event.ts >= compile.ts,
      );
      if (!compile || !evaluate) throw new Error('no v8.compileModule / v8.evaluateModule trace events for the bundle');
      result.compileMs = compile.dur / 1000;
      result.evaluateMs = evaluate.dur / 1000;
      result.defineMs = result.compileMs + result.evaluateMs;
      result.backgroundParseMs = events
        .filter((event) => event.name === 'v8.parseOnBackground' && event.args?.data?.url === url)
        .reduce((sum, event) => sum + event.dur / 1000, 0);
    }
    // Start waiting for the widget before anything starts it.
    const settled = page.evaluate(() =>
      window.bench.deadline(window.bench.nextSettled(), 10_000, 'the widget settling'),
    );
    const adapterSrc = `${WIDGET_ORIGIN}/bench/adapter.js?trial=${trial}`;
    const started = await page.evaluate(
      async ({ side, adapterSrc }) => {
        const href = new URL(adapterSrc).href;
        const requested = new Promise((resolve) => {
          new PerformanceObserver((list, observer) => {
            const entry = list.getEntries().find((candidate) => candidate.name === href);
            if (entry) {
              observer.disconnect();
              resolve(entry.startTime);
            }
          }).observe({ type: 'resource', buffered: true });
        });
        const start = performance.now();
        if (side === 'element') {
          const logger = document.createElement('rc-call-logger');
          logger.setAttribute('service-name', 'Bench CRM');
          logger.setAttribute('adapter-src', adapterSrc);
          document.body.append(logger);
        } else {
          window.benchBaseline.start(adapterSrc);
        }
        const blockedMs = performance.now() - start;
        return { blockedMs, toRequestMs: (await requested) - start };
      },
      { side, adapterSrc },
    );
    await settled;
    return { ...result, ...started };
  } finally {
    await page.close();
  }
}

/** Figure 6, requests: the page's heap before, half-way through and after `N.requests` answered requests. */
async function requestMemory(side, { widget, cdp }) {
  const load = (total) => widget.evaluate(([t, wave]) => window.benchWidget.load(t, wave), [total, N.wave]);
  await load(2 * N.wave); // warm-up
  const before = await heapKB(cdp);
  await load(N.requests / 2);
  const halfway = await heapKB(cdp);
  await load(N.requests / 2);
  await sleep(200);
  const after = await heapKB(cdp);
  log(`${side}: ${N.requests} requests answered`);
  return { before, halfway, after };
}

/** Figure 6, mount cycles, on a page of its own (so it can run beside the requests): heap before, half-way, after. */
async function cycleMemory(side) {
  const context = await browser.newContext();
  const page = await newPage(side, context);
  await page.goto(`${PAGE_ORIGIN}/bench/${side}.html`);
  await (await widgetFrame(page)).evaluate(() => window.benchWidget.booted);
  const cdp = await context.newCDPSession(page);
  await page.evaluate(() => {
    window.bench.side.unmount();
    return window.bench.gone();
  });
  await page.evaluate((count) => window.bench.cycles(count), N.warmCycles);
  const before = await heapKB(cdp);
  const partsBefore = await heapParts(cdp);
  const half = Math.floor(N.cycles / 2);
  let cycleMs = (await page.evaluate((count) => window.bench.cycles(count), half)) * half;
  const halfway = await heapKB(cdp);
  cycleMs += (await page.evaluate((count) => window.bench.cycles(count), N.cycles - half)) * (N.cycles - half);
  await sleep(500); // let any stray task of the last widget finish
  const after = await heapKB(cdp);
  const partsAfter = await heapParts(cdp);
  const parts = Object.fromEntries(Object.keys(partsAfter).map((key) => [key, partsAfter[key] - partsBefore[key]]));
  log(`${side}: ${N.cycles} mount cycles done`);
  await context.close();
  return { before, halfway, after, parts, cycleMs: cycleMs / N.cycles };
}

/** One figure on both sides: a dropped warm-up trial per side, then `rounds` alternating trials; medians. */
async function compare(rounds, trial) {
  await alternate(1, trial);
  const samples = await alternate(rounds, trial);
  return { element: median(samples.element), baseline: median(samples.baseline), samples };
}

const results = { fast: FAST, counts: N, bundleBytes: bundle.length };
const rows = [];
const row = (figure, element, baseline, change, goal, met) =>
  rows.push({ figure, element, baseline, change, goal, met });
const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));
const delta = (value, digits = 2) => `${value < 0 ? '−' : '+'} ${fmt(Math.abs(value), digits)}`;

try {
  results.chromium = browser.version();
  log(`Chromium ${results.chromium}, ${cpus().length} cores; bundle ${bundle.length} B; pages ${PAGE_ORIGIN}`);
  const sides = { element: await openSide('element'), baseline: await openSide('baseline') };
  const inWidget = (side, fn, arg) => sides[side].widget.evaluate(fn, arg);

  // Figure 1: round trips, one request at a time.
  for (const kind of wants(1) ? ['log', 'match'] : []) {
    const args = [kind, N.samples, N.chain];
    const r = await compare(N.rounds, (side) => inWidget(side, (a) => window.benchWidget.latency(...a), args));
    results[`latency_${kind}`] = r;
    const ratio = r.element / r.baseline;
    row(
      `1. call-${kind} round trip, median ms (${r.samples.element.length} × ${N.chain} sequential)`,
      fmt(r.element, 3),
      fmt(r.baseline, 3),
      `× ${fmt(ratio)}`,
      '≤ × 1.10',
      ratio <= 1.1,
    );
  }
  log('figure 1 done');

  // Figure 2: N.burst call-log requests at once. Garbage from the previous trial is collected first.
  if (wants(2)) {
    const r = await compare(N.burstTrials, async (side) => {
      await collectGarbage(sides[side]);
      return inWidget(side, (count) => window.benchWidget.burst(count), N.burst);
    });
    results.burst = r;
    const ratio = r.element / r.baseline;
    row(
      `2. ${N.burst} call-log requests at once, ms until all answered`,
      fmt(r.element, 1),
      fmt(r.baseline, 1),
      `× ${fmt(ratio)}`,
      '≤ × 1.20',
      ratio <= 1.2,
    );
  }
  log('figure 2 done');

  // Figure 3: one call-match for N.matchIds sessions.
  if (wants(3)) {
    const r = await compare(N.matchTrials, async (side) => {
      await collectGarbage(sides[side]);
      return inWidget(side, (count) => window.benchWidget.match(count), N.matchIds);
    });
    results.match = r;
    const added = r.element - r.baseline;
    row(
      `3. one call-match for ${N.matchIds} sessions, ms`,
      fmt(r.element),
      fmt(r.baseline),
      `${delta(added)} ms`,
      '≤ + 2 ms',
      added <= 2,
    );
  }
  log('figure 3 done');

  // Figure 4: the widget's boot, then re-announcements (pushAdapterState alone: "the iframe reloaded").
  if (wants(4)) {
    const trials = await alternate(N.announceTrials, (side) => inWidget(side, () => window.benchWidget.announce()));
    const [element, baseline] = SIDES.map((side) => {
      const all = [sides[side].boot, ...trials[side]];
      const sameTask = all.filter((t) => t.sameTask).length;
      return { sameTask, trials: all.length, medianMs: median(all.map((t) => t.ms)), boot: sides[side].boot };
    });
    results.registration = { element, baseline, samples: trials };
    const text = (r) =>
      `${r.sameTask === r.trials ? 'yes' : 'NO'} (${r.sameTask}/${r.trials}), ${fmt(r.medianMs, 3)} ms`;
    row(
      '4. registration in the same task as pushAdapterState? median ms from pushAdapterState',
      text(element),
      text(baseline),
      `${delta(element.medianMs - baseline.medianMs, 3)} ms`,
      'same task',
      element.sameTask === element.trials,
    );
  }
  log('figure 4 done');

  // Figure 5: page cost, on fresh pages.
  if (wants(5)) {
    let trial = 0;
    const trials = await alternate(N.costTrials, (side) => costTrial(side, ++trial));
    const pick = (side, key) => median(trials[side].map((t) => t[key]));
    const both = (key) => ({ element: pick('element', key), baseline: pick('baseline', key) });
    const cost = { toRequestMs: both('toRequestMs'), blockedMs: both('blockedMs') };
    // Only the element loads a module.
    for (const key of ['defineMs', 'compileMs', 'evaluateMs', 'backgroundParseMs', 'importMs']) {
      cost[key] = pick('element', key);
    }
    results.pageCost = { ...cost, samples: trials };
    const { element: e, baseline: b } = cost.toRequestMs;
    row(
      '5a. insert tag / run snippet → adapter script requested, median ms',
      fmt(e, 3),
      fmt(b, 3),
      `${delta(e - b, 3)} ms`,
      '(reported)',
    );
    row(
      '5b. module definition on the main thread (trace: compile + evaluate), median ms',
      fmt(cost.defineMs, 3),
      '— (no module)',
      `${delta(cost.defineMs, 3)} ms`,
      '(reported)',
    );
  }
  log('figure 5 done');

  // Figure 6: memory. Requests and mount cycles, both sides, all at once: only heap sizes are compared here, and
  // the element's cycles alone take a while (each unmount waits for its teardown before the next mount starts).
  if (wants(6)) {
    const [requests, cycles] = await Promise.all([
      Promise.all(SIDES.map((side) => requestMemory(side, sides[side]))),
      Promise.all(SIDES.map((side) => cycleMemory(side))),
    ]);
    const memory = {
      requests: { element: requests[0], baseline: requests[1] },
      cycles: { element: cycles[0], baseline: cycles[1] },
    };
    results.memory = { ...memory, slackKB: HEAP_SLACK_KB };
    const growth = ({ before, after }, heap = 'js') => after[heap] - before[heap];
    // The second half shows whether growth goes on (a leak) or was a one-off (caches, JIT code) that stopped.
    const text = (m) =>
      `${fmt(growth(m), 1)} (2nd half ${fmt(m.after.js - m.halfway.js, 1)}; Blink ${delta(growth(m, 'embedder'), 1)})`;
    for (const [phase, label] of [
      ['requests', `${N.requests} requests answered`],
      ['cycles', `${N.cycles} mount/unmount cycles`],
    ]) {
      const { element, baseline } = memory[phase];
      const added = growth(element) - growth(baseline);
      row(
        `6. JS heap growth after ${label}, KB`,
        text(element),
        text(baseline),
        `${delta(added, 1)} KB`,
        `JS ≤ baseline + ${HEAP_SLACK_KB} KB`,
        added <= HEAP_SLACK_KB,
      );
    }
    // What the mount-cycle growth is made of: a leak shows in `rest`; compiled code and timing entries are not one.
    const { element, baseline } = memory.cycles;
    const parts = ({ parts: p }) =>
      `code ${delta(p.code, 1)}, resource timing ${delta(p.resourceTiming, 1)}, rest ${delta(p.rest, 1)}`;
    const addedRest = element.parts.rest - baseline.parts.rest;
    row(
      '   of which (heap snapshots): compiled code, resource-timing entries, rest (objects, closures, DOM), KB',
      parts(element),
      parts(baseline),
      `rest ${delta(addedRest, 1)} KB`,
      `rest ≤ baseline + ${HEAP_SLACK_KB} KB`,
      addedRest <= HEAP_SLACK_KB,
    );
    const [e, b] = [element.cycleMs, baseline.cycleMs];
    row('   mount → widget settled → unmount, ms per cycle', fmt(e, 1), fmt(b, 1), `× ${fmt(e / b)}`, '(reported)');
  }
  log('figure 6 done');
} catch (error) {
  problems.push(`bench broke: ${error.stack ?? error}`);
} finally {
  await browser.close().catch(() => {});
  server.close();
  clearTimeout(watchdog);
}

results.seconds = (performance.now() - began) / 1000;
results.table = rows;
results.problems = problems;
const cell = (text) => String(text).replaceAll('|', '\\|');
console.log(
  `\n## rc-call-logger bench${FAST ? ' (--fast: tiny counts, the figures mean little)' : ''}: Chromium ${results.chromium}, ${cpus().length} cores, ${fmt(results.seconds, 0)} s\n`,
);
console.log('| figure | element | baseline | ratio/delta | goal | met? |');
console.log('|---|---|---|---|---|---|');
for (const { figure, element, baseline, change, goal, met } of rows) {
  const verdict = met === undefined ? '—' : met ? 'yes' : '**no**';
  console.log(`| ${[figure, element, baseline, change, goal, verdict].map(cell).join(' | ')} |`);
}
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nJSON: ${out}`);
if (problems.length) {
  console.error(`\nbench FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
