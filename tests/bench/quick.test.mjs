// Checks what `bench/run --quick` (run by ./test just before) wrote: every system ran every scenario and produced
// measurements, the plots and the report exist. A harness check only: it asserts no speed.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

// BENCH_RESULTS_DIR: a tagged quick run's directory (BENCH_TAG=name bench/run --quick writes bench/results/<name>/).
const DIR = process.env.BENCH_RESULTS_DIR ? `${process.env.BENCH_RESULTS_DIR.replace(/\/$/, '')}/` : new URL('../../bench/results/quick/', import.meta.url).pathname;
const SYSTEMS = ['ours-embedded', 'ours-cluster', 'legacy', 'legacy-scaled', 'ceiling'];

function latestResults() {
  const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];
  assert.ok(files.length > 0, `no results in ${DIR}: did bench/run --quick run?`);
  return { file: files.at(-1), results: JSON.parse(readFileSync(DIR + files.at(-1), 'utf8')) };
}

test('the quick benchmark ran every scenario on every system just now', () => {
  const { results } = latestResults();
  assert.ok(Date.now() - Date.parse(results.date) < 60 * 60 * 1000, `results from ${results.date} are stale`);
  assert.equal(results.quick, true);
  assert.equal(results.generator, 'loadgen', 'the scenarios ran on the C# load generator');
  assert.match(results.machine.dotnet ?? '', /^\d+\.\d+/, 'the generator\'s .NET version was recorded');
  assert.deepEqual(Object.keys(results.systems).sort(), [...SYSTEMS].sort());
  for (const name of SYSTEMS) {
    const { rides, radio, idle } = results.systems[name];
    for (const [scenario, entry] of Object.entries({ rides, radio })) {
      assert.equal(entry.error, undefined, `${name} ${scenario}: ${entry.error}`);
      assert.ok(entry.steps.length > 0, `${name} ${scenario} has steps`);
      const first = entry.steps[0];
      assert.ok(first.sent > 0 && first.deliveries > 0, `${name} ${scenario}: sent ${first.sent}, delivered ${first.deliveries}`);
      assert.ok(Number.isFinite(first.p99Ms) && first.rssMb > 0, `${name} ${scenario}: p99 and RSS measured`);
      assert.ok(Number.isFinite(first.generatorCpuPercent) && Number.isFinite(first.sendsOnSchedulePercent),
        `${name} ${scenario}: the generator reported its CPU and sends on schedule`);
      assert.ok(Number.isFinite(first.cpuMicrosPerDelivery), `${name} ${scenario}: CPU µs per delivery measured`);
      assert.ok(Number.isFinite(first.serverCpuPercent) && Number.isFinite(first.lost) && Number.isFinite(first.duplicates)
        && Number.isFinite(first.outOfOrder), `${name} ${scenario}: server CPU and the delivery checks reported`);
    }
    const { scale } = results.systems[name];
    assert.equal(scale?.error, undefined, `${name} scale: ${scale?.error}`);
    assert.ok(scale.points.length > 0 && scale.points.every((p) => p.connections > 0 && p.deliveries > 0), `${name} scale: every point delivered`);
    assert.ok(scale.points.every((p) => Number.isFinite(p.generatorCpuPercent) && Number.isFinite(p.sendsOnSchedulePercent)), `${name} scale: generator figures`);
    assert.ok(scale.idleRides.length > 0 && scale.idleRides.every((r) => Number.isFinite(r.bytesPerRideRss)), `${name} scale: idle rides measured`);
    assert.ok(scale.points.every((p) => Number.isFinite(p.bytesPerConnectionHeap)) && scale.idleRides.every((r) => Number.isFinite(r.bytesPerRideHeap)),
      `${name} scale: heap figures beside RSS`);
    assert.ok(results.machine.pinning?.[name]?.generator, `${name}: the affinity seen was recorded`);
    assert.equal(idle.error, undefined, `${name} idle: ${idle.error}`);
    assert.ok(idle.rssMb > 0 && Number.isFinite(idle.bytesPerConnection), `${name} idle measured`);
    assert.ok(idle.heapMb > 0 && Number.isFinite(idle.bytesPerConnectionHeap) && Number.isFinite(idle.bytesPerRideHeap),
      `${name} idle: bytes from the live heap beside RSS`);
  }
});

test('the quick benchmark drew its plots and wrote its report', () => {
  const { file } = latestResults();
  const stem = file.replace(/\.json$/, '');
  for (const plot of ['rides', 'radio', 'scale-cpuMicrosPerDelivery', 'scale-bytesPerConnectionRss', 'scale-bytesPerConnectionHeap',
    'scale-bytesPerRideRss', 'scale-bytesPerRideHeap']) {
    assert.match(readFileSync(`${DIR}${stem}-${plot}.svg`, 'utf8'), /<svg[\s\S]*ours-embedded[\s\S]*<\/svg>/);
  }
  const report = readFileSync(`${DIR}RESULTS.md`, 'utf8');
  assert.match(report, /### goals[\s\S]*\| goal \(issue 12\) \|/);
  assert.match(report, /### scale/);
  for (const name of SYSTEMS) assert.match(report, new RegExp(`\\| ${name} \\|`));
});
