// docs/architecture.md's module map against src/: every module is on the map, with its line count as it is today,
// so the map a newcomer reads first cannot drift from the code. A row of several modules gives their total.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const lineCount = (name) => readFileSync(`src/${name}`, 'utf8').split('\n').length - 1;
const rows = [
  ...readFileSync('docs/architecture.md', 'utf8').matchAll(/^\| ((?:`[\w.-]+\.ts`(?:, )?)+) \| (\d+) \|/gm),
].map(([, names, lines]) => ({ names: names.match(/[\w.-]+\.ts/g), lines: Number(lines) }));

describe('docs/architecture.md', () => {
  it('maps every module in src/', () => {
    const mapped = new Set(rows.flatMap((row) => row.names));
    for (const name of readdirSync('src').filter((file) => file.endsWith('.ts'))) {
      assert.ok(mapped.has(name), `src/${name} is not in the module map`);
    }
  });

  it('gives each module its line count as it is', () => {
    const wrong = rows.flatMap(({ names, lines }) => {
      const total = names.map(lineCount).reduce((sum, count) => sum + count, 0);
      return total === lines ? [] : [`${names.join(', ')}: ${total} lines, not ${lines}`];
    });
    assert.deepEqual(wrong, [], 'update these counts in docs/architecture.md');
  });
});
