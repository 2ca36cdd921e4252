// Turns a results JSON into a latency-vs-load plot per stepped scenario (SVG, drawn by Debian's gnuplot) and the result
// tables of RESULTS.md (between its markers; the hand-written analysis around them is kept).
//   node bench/report.mjs bench/results/2026-11-22.json bench/results bench/RESULTS.md
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const [resultsPath, outDir, target] = process.argv.slice(2);
const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
const stem = basename(resultsPath, '.json');
const systems = Object.keys(results.systems);
const OURS = ['ours-embedded', 'ours-cluster'];

/** A step within the limits: p99 at most the limit, no error and nothing lost (LoadGen counts lost apart from errors;
 * the Node clients' errors include the lost). */
const good = (s) => s.p99Ms !== null && s.p99Ms <= results.p99LimitMs && s.errors === 0 && !s.lost;

/** The highest deliveries/s among steps with p99 within the limit and nothing lost; null when none qualifies. */
function sustained(steps) {
  const within = (steps ?? []).filter(good);
  return within.length ? within.reduce((best, s) => (s.deliveriesPerSecond > best.deliveriesPerSecond ? s : best)) : null;
}

function plot(scenario) {
  const series = systems.filter((name) => results.systems[name][scenario]?.steps?.length);
  if (series.length === 0) return null;
  const data = series.map((name) => results.systems[name][scenario].steps.map((s) => `${s.deliveriesPerSecond} ${Math.max(s.p99Ms ?? 0, 0.5)}`).join('\n')).join('\n\n\n');
  const dataFile = join(outDir, `${stem}-${scenario}.dat`);
  const svg = join(outDir, `${stem}-${scenario}.svg`);
  writeFileSync(dataFile, `${data}\n`);
  const script = [
    `set terminal svg size 800,480 dynamic font "sans,12"`,
    `set output "${svg}"`,
    `set title "${scenario}: p99 latency vs deliveries per second (${results.quick ? 'quick run' : stem})"`,
    `set xlabel "deliveries per second"`, `set ylabel "p99 latency (ms, log)"`, `set logscale y`, `set grid`,
    `set key top left`, `set arrow from graph 0, first ${results.p99LimitMs} to graph 1, first ${results.p99LimitMs} nohead dt 2`,
    `plot ${series.map((name, i) => `"${dataFile}" index ${i} using 1:2 with linespoints title "${name}"`).join(', ')}`,
  ].join('\n');
  execFileSync('gnuplot', { input: script });
  return basename(svg);
}

const fmt = (value, digits = 0) => (value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US', { maximumFractionDigits: digits }));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');

function steppedTable(scenario) {
  const rows = systems.map((name) => {
    const entry = results.systems[name][scenario];
    if (!entry || entry.error) return `| ${name} | failed: ${entry?.error ?? 'not run'} | | | | | | | |`;
    const best = sustained(entry.steps);
    const first = entry.steps[0];
    const step = (s) => `${fmt(s.rate, 1)}: ${fmt(s.p99Ms)} ms${s.lost ? `, ${fmt(s.lost)} lost` : ''}${s.errors ? `, ${fmt(s.errors)} errors` : ''}`
      + (s.duplicates || s.outOfOrder ? `, ${fmt(s.duplicates)} duplicates / ${fmt(s.outOfOrder)} out of order` : '')
      + (s.generatorCpuPercent >= 90 || s.sendsOnSchedulePercent < 99 ? ` (generator ${s.generatorCpuPercent} % CPU, ${fmt(s.sendsOnSchedulePercent, 1)} % of sends on schedule)` : '');
    return `| ${name} | ${fmt(best?.deliveriesPerSecond)} | ${fmt(best?.rate, 1)} | ${fmt(first?.p50Ms, 2)} / ${fmt(first?.p99Ms, 2)} / ${fmt(first?.maxMs, 2)} | ${fmt(best?.serverCpuPercent)} % (+${fmt(best?.infraCpuPercent)} % infra) | ${fmt(best?.cpuMicrosPerDelivery)} | ${fmt(best?.rssMb)} MB | ${fmt(best?.generatorCpuPercent)} % / ${fmt(best?.sendsOnSchedulePercent, 1)} % | ${entry.steps.map(step).join('; ')} |`;
  });
  return [
    `| system | sustained deliveries/s (p99 ≤ ${results.p99LimitMs} ms, none lost) | at rate | p50 / p99 / max ms at the first rate | server CPU at that rate | CPU µs per delivery (server + infra) at that rate | server RSS | generator CPU / sends on schedule | every step: rate → p99 |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The highest rate both systems sustained (p99 within the limit, none lost), with each one's step there; null if none. */
function commonStep(scenario, a, b) {
  const stepsOf = (name) => results.systems[name]?.[scenario]?.steps ?? [];
  const theirs = new Map(stepsOf(b).filter(good).map((s) => [s.rate, s]));
  const shared = stepsOf(a).filter((s) => good(s) && theirs.has(s.rate) && s.cpuMicrosPerDelivery && theirs.get(s.rate).cpuMicrosPerDelivery);
  const top = shared.at(-1);
  return top ? { rate: top.rate, a: top, b: theirs.get(top.rate) } : null;
}

/** Ours ÷ other on sustained deliveries/s (higher is better) and on CPU µs per delivery at the highest rate both
 * sustained (lower is better). */
function ratioFigures(scenario, name, other) {
  const best = (n) => sustained(results.systems[n]?.[scenario]?.steps)?.deliveriesPerSecond;
  const common = commonStep(scenario, name, other);
  return {
    throughput: best(name) && best(other) ? best(name) / best(other) : null,
    cost: common ? common.a.cpuMicrosPerDelivery / common.b.cpuMicrosPerDelivery : null,
    commonRate: common?.rate ?? null,
  };
}

function ratios(scenario) {
  const cell = (name, other) => {
    const r = ratioFigures(scenario, name, other);
    return `${r.throughput === null ? '—' : `${r.throughput.toFixed(2)}×`} / ${r.cost === null ? '—' : `${r.cost.toFixed(2)}× at ${fmt(r.commonRate, 1)}`}`;
  };
  return OURS.filter((name) => results.systems[name]).map((name) =>
    `| ${name} | ${cell(name, 'legacy')} | ${cell(name, 'legacy-scaled')} | ${cell(name, 'ceiling')} |`).join('\n');
}

function idleTable() {
  return [
    '| system | connections | RSS: before → with the rides (and their leaders) → with the followers | bytes per connection (RSS) | bytes per ride beyond its connection (RSS) | bytes per connection (heap) | bytes per ride (heap) |',
    '|---|---|---|---|---|---|---|',
    ...systems.map((name) => {
      const idle = results.systems[name].idle;
      if (!idle || idle.error) return `| ${name} | failed: ${idle?.error ?? 'not run'} | | | | | |`;
      return `| ${name} | ${fmt(idle.followers)} followers in ${fmt(idle.rides)} rides | ${fmt(idle.baselineRssMb)} → ${fmt(idle.ridesRssMb)} → ${fmt(idle.rssMb)} MB | ${fmt(idle.bytesPerConnection)} | ${fmt(idle.bytesPerRide)} | ${heapOrNot(idle.bytesPerConnectionHeap)} | ${heapOrNot(idle.bytesPerRideHeap)} |`;
    }),
  ].join('\n');
}

const heapOrNot = (value) => (value === null || value === undefined ? 'not measured' : fmt(value));

/** Per connection count: deliveries/s, latency, CPU µs per delivery, bytes per connection; per idle ride count: bytes per ride. */
function scaleTables() {
  const rows = [];
  const rideRows = [];
  for (const name of systems) {
    const scale = results.systems[name].scale;
    if (!scale || scale.error) { rows.push(`| ${name} | failed: ${scale?.error ?? 'not run'} | | | | | | |`); continue; }
    for (const p of scale.points) {
      rows.push(`| ${name} | ${fmt(p.connections)} (${fmt(p.rides)} rides) | ${fmt(p.deliveriesPerSecond)} | ${fmt(p.p50Ms, 2)} / ${fmt(p.p99Ms, 2)} | ${fmt(p.lost)} / ${fmt(p.errors)} | ${fmt(p.cpuMicrosPerDelivery)} | ${fmt(p.bytesPerConnectionRss)} | ${heapOrNot(p.bytesPerConnectionHeap)} | ${fmt(p.generatorCpuPercent)} % / ${fmt(p.sendsOnSchedulePercent, 1)} % |`);
    }
    for (const r of scale.idleRides) rideRows.push(`| ${name} | ${fmt(r.rides)} | ${fmt(r.bytesPerRideWithLeaderRss)} | ${fmt(r.bytesPerRideRss)} | ${heapOrNot(r.bytesPerRideHeap)} |`);
  }
  return [
    `| system | connections | deliveries/s | p50 / p99 ms | lost / errors | CPU µs per delivery | bytes per connection (RSS) | bytes per connection (heap) | generator CPU / on schedule |`,
    '|---|---|---|---|---|---|---|---|---|', ...rows, '',
    '| system | idle rides | bytes per ride with its leader (RSS) | bytes per ride beyond its leader (RSS) | bytes per ride (heap) |', '|---|---|---|---|---|', ...rideRows,
  ].join('\n');
}

/** Cost against scale: one SVG per measure (CPU µs per delivery and bytes per connection vs connections, bytes per ride vs rides). */
function scalePlot(measure, title, ylabel, pointsOf, x) {
  const series = systems.filter((name) => pointsOf(results.systems[name].scale)?.some((p) => Number.isFinite(p[measure])));
  if (series.length === 0) return null;
  const dataFile = join(outDir, `${stem}-scale-${measure}.dat`);
  const svg = join(outDir, `${stem}-scale-${measure}.svg`);
  writeFileSync(dataFile, `${series.map((name) => pointsOf(results.systems[name].scale).filter((p) => Number.isFinite(p[measure])).map((p) => `${p[x]} ${p[measure]}`).join('\n')).join('\n\n\n')}\n`);
  execFileSync('gnuplot', { input: [
    `set terminal svg size 800,480 dynamic font "sans,12"`, `set output "${svg}"`,
    `set title "${title} (${results.quick ? 'quick run' : stem})"`, `set xlabel "${x}"`, `set ylabel "${ylabel}"`,
    `set logscale x`, `set grid`, `set key top left`,
    `plot ${series.map((name, i) => `"${dataFile}" index ${i} using 1:2 with linespoints title "${name}"`).join(', ')}`,
  ].join('\n') });
  return basename(svg);
}

/** Issue 12's goals, each computed from this run: the measured ratio or figure, and met / not met. */
function goalsTable() {
  const rows = [];
  const verdict = (value, ok) => (value === null || value === undefined ? 'not measured' : ok ? 'met' : 'not met');
  const x = (v) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}×`);
  for (const [scenario, factor, costFactor] of [['rides', 2, 0.5], ['radio', 1.5, 1 / 1.5]]) {
    const r = ratioFigures(scenario, 'ours-embedded', 'legacy');
    rows.push(`| ${scenario}: sustained deliveries/s ≥ ${factor}× legacy | ${x(r.throughput)} | ${verdict(r.throughput, r.throughput >= factor)} |`);
    rows.push(`| ${scenario}: CPU µs per delivery ≤ ${costFactor.toFixed(2)}× legacy (at the highest rate both sustained) | ${x(r.cost)}${r.commonRate === null ? '' : ` at ${fmt(r.commonRate, 1)}`} | ${verdict(r.cost, r.cost <= costFactor)} |`);
  }
  const ours = results.systems['ours-embedded']?.idle;
  const legacy = results.systems.legacy?.idle;
  const perConn = ours?.bytesPerConnection ?? null;
  rows.push(`| idle: bytes per connection (RSS) ≤ legacy's (${fmt(legacy?.bytesPerConnection)}) | ${fmt(perConn)} | ${verdict(perConn === null || !legacy ? null : perConn, perConn <= legacy?.bytesPerConnection)} |`);
  rows.push(`| idle: bytes per connection (heap) ≤ legacy's (${heapOrNot(legacy?.bytesPerConnectionHeap)}) | ${heapOrNot(ours?.bytesPerConnectionHeap)} | ${verdict(legacy?.bytesPerConnectionHeap ?? null, ours?.bytesPerConnectionHeap <= legacy?.bytesPerConnectionHeap)} |`);
  rows.push(`| idle: bytes per idle ride beyond its connections (RSS) ≤ 4 KB | ${fmt(ours?.bytesPerRide)} | ${verdict(ours?.bytesPerRide, ours?.bytesPerRide <= 4096)} |`);
  rows.push(`| idle: bytes per idle ride (heap) ≤ 4 KB | ${heapOrNot(ours?.bytesPerRideHeap)} | ${verdict(ours?.bytesPerRideHeap, ours?.bytesPerRideHeap <= 4096)} |`);
  const clusterCost = commonStep('rides', 'ours-cluster', 'ours-embedded');
  const clusterRatio = clusterCost ? clusterCost.a.cpuMicrosPerDelivery / clusterCost.b.cpuMicrosPerDelivery : null;
  rows.push(`| cluster: CPU µs per delivery ≤ 1.5× embedded (rides) | ${x(clusterRatio)}${clusterCost ? ` at ${fmt(clusterCost.rate, 1)}` : ''} | ${verdict(clusterRatio, clusterRatio <= 1.5)} |`);
  const oneHz = results.systems['ours-embedded']?.rides?.steps?.find((s) => s.rate === 1);
  rows.push(`| embedded p99 at 1 Hz ≤ 10 ms | ${oneHz ? `${fmt(oneHz.p99Ms, 2)} ms` : '—'} | ${verdict(oneHz?.p99Ms, oneHz?.p99Ms <= 10)} |`);
  rows.push('| cluster: one broker message per position per interested frontend at most | not measured by the bench | not measured |');
  return ['| goal (issue 12) | measured | verdict |', '|---|---|---|', ...rows].join('\n');
}

/** The latest "real client" run (bench/run realclients) beside this one, or null (none, or this run is it). */
function realClientsRun() {
  if (results.realClients) return null;
  const dir = new URL('./results/realclients/', import.meta.url).pathname;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  return files.length ? { file: join(dir, files.at(-1)), run: JSON.parse(readFileSync(join(dir, files.at(-1)), 'utf8')) } : null;
}

/** LoadGen against the Node clients at the realclients step (the lowest rides and radio rate), per system: the figures
 * agree when deliveries/s match and neither lost any. Empty when no realclients run exists. */
function realClientsSection() {
  const real = realClientsRun();
  if (!real) return [];
  const cell = (s) => (s ? `${fmt(s.deliveriesPerSecond)} | ${fmt(s.p50Ms, 2)} / ${fmt(s.p99Ms, 2)} | ${fmt(s.lost)}` : '— | — | —');
  const rows = [];
  for (const scenario of ['rides', 'radio']) {
    for (const name of systems) {
      for (const theirs of real.run.systems[name]?.[scenario]?.steps ?? []) {
        const ours = results.systems[name]?.[scenario]?.steps?.find((s) => s.rate === theirs.rate);
        rows.push(`| ${scenario} | ${name} | ${fmt(theirs.rate, 1)} | ${cell(ours)} | ${cell(theirs)} |`);
      }
    }
  }
  return [
    `### LoadGen against the Node clients (\`${relative(dirname(target), real.file)}\`, ${real.run.date})`, '',
    '| scenario | system | rate | LoadGen deliveries/s | LoadGen p50 / p99 ms | LoadGen lost | Node deliveries/s | Node p50 / p99 ms | Node lost |',
    '|---|---|---|---|---|---|---|---|---|', ...rows, '',
  ];
}

/** Heading, table, ratios and plot of a stepped scenario. */
function steppedSection(scenario, description) {
  return [
    `### ${scenario} — ${description}`, '',
    steppedTable(scenario), '',
    '| ours ÷ (sustained deliveries/s / CPU µs per delivery at the highest rate both sustained) | legacy | legacy-scaled | ceiling |', '|---|---|---|---|', ratios(scenario), '',
    plots[scenario] ? `![${scenario}: p99 latency vs load](${relative(dirname(target), join(outDir, plots[scenario]))})` : '', '',
  ];
}

const plots = Object.fromEntries(['rides', 'radio'].map((scenario) => [scenario, plot(scenario)]));
const scalePlots = [
  scalePlot('cpuMicrosPerDelivery', 'scale: CPU µs per delivery vs connections', 'CPU µs per delivery (server + infra)', (s) => s?.points, 'connections'),
  scalePlot('bytesPerConnectionRss', 'scale: RSS bytes per connection vs connections', 'bytes per connection (RSS)', (s) => s?.points, 'connections'),
  scalePlot('bytesPerConnectionHeap', 'scale: live heap bytes per connection vs connections', 'bytes per connection (heap)', (s) => s?.points, 'connections'),
  scalePlot('bytesPerRideRss', 'scale: RSS bytes per idle ride vs rides', 'bytes per ride (RSS)', (s) => s?.idleRides, 'rides'),
  scalePlot('bytesPerRideHeap', 'scale: live heap bytes per idle ride vs rides', 'bytes per ride (heap)', (s) => s?.idleRides, 'rides'),
].filter(Boolean);
const { plan, machine } = results;
const pinningLine = machine.pinning
  ? `CPU affinity seen (Cpus_allowed_list): ${Object.entries(machine.pinning).map(([name, p]) => `${name} app ${[...new Set(Object.values(p.app))].join(',') || '—'}, infra ${[...new Set(Object.values(p.infra))].join(',') || '—'}, generator ${p.generator}`).join('; ')}.`
  : 'No pinning recorded.';
const generated = [
  '<!-- results:begin (generated by bench/report.mjs; edit outside the markers) -->',
  `Run ${results.date} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}${results.quick ? ' (quick run)' : ''}; `
    + (results.generator === 'loadgen' ? `the load generator was bench/LoadGen (.NET ${machine.dotnet}) on the same machine.` : `the load generator was the Node client libraries (${results.generator}) on the same machine.`),
  `Results: \`${resultsPath}\`.`,
  pinningLine,
  '',
  '### goals', '', goalsTable(), '',
  ...steppedSection('rides', `${plan.rides.rides} rides × ${plan.rides.followers} followers, leaders replaying a recorded track, ${plan.rides.ratesHz.join(', ')} Hz per leader, ${plan.rides.stepSeconds} s per step`),
  ...steppedSection('radio', `one room, ${plan.radio.listeners} listeners, ${plan.radio.ratesPerSecond.join(', ')} messages/s into the room, ${plan.radio.stepSeconds} s per step`),
  `### idle — ${plan.idle.followers} connected followers across ${plan.idle.rides} rides, no traffic; RSS and the live heap after a full collection read ${plan.settleMs / 1000} s after each phase`,
  '',
  idleTable(),
  '',
  ...(plan.scale ? [`### scale — ${plan.scale.connections.join(', ')} connections (rides of ${plan.scale.followersPerRide} followers at ${plan.scale.hz} Hz, ${plan.scale.stepSeconds} s); ${plan.scale.idleRides.join(', ')} idle rides`, '',
    scaleTables(), '', ...scalePlots.map((p) => `![${p}](${relative(dirname(target), join(outDir, p))})`), ''] : []),
  ...realClientsSection(),
  '<!-- results:end -->',
].join('\n');

const existing = existsSync(target) ? readFileSync(target, 'utf8') : '';
const updated = /<!-- results:begin[\s\S]*<!-- results:end -->/.test(existing)
  ? existing.replace(/<!-- results:begin[\s\S]*<!-- results:end -->/, generated)
  : `# Benchmark results\n\nCommand: \`bench/run${results.quick ? ' --quick' : ''}\`.\n\n${generated}\n`;
writeFileSync(target, updated);
console.log(`wrote ${target}${[...Object.values(plots), ...scalePlots].filter(Boolean).map((p) => `, ${join(outDir, p)}`).join('')}`);
