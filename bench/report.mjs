// Turns a results JSON into a latency-vs-load plot per stepped scenario (SVG, drawn by Debian's gnuplot) and the result
// tables of RESULTS.md (between its markers; the hand-written analysis around them is kept).
//   node bench/report.mjs bench/results/2026-11-22.json bench/results bench/RESULTS.md
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const [resultsPath, outDir, target] = process.argv.slice(2);
const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
const stem = basename(resultsPath, '.json');
const systems = Object.keys(results.systems);
const OURS = ['ours-embedded', 'ours-cluster'];

/** The highest deliveries/s among steps with p99 within the limit and nothing lost; null when none qualifies. */
function sustained(steps) {
  const good = (steps ?? []).filter((s) => s.p99Ms !== null && s.p99Ms <= results.p99LimitMs && s.errors === 0);
  return good.length ? good.reduce((best, s) => (s.deliveriesPerSecond > best.deliveriesPerSecond ? s : best)) : null;
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
    if (!entry || entry.error) return `| ${name} | failed: ${entry?.error ?? 'not run'} | | | | | |`;
    const best = sustained(entry.steps);
    const first = entry.steps[0];
    const step = (s) => `${fmt(s.rate, 1)}: ${fmt(s.p99Ms)} ms${s.errors ? `, ${fmt(s.errors)} lost/failed` : ''}`
      + (s.generatorCpuPercent >= 90 ? ` (generator ${s.generatorCpuPercent} % CPU, ${fmt(s.sent)} of ${fmt(s.sendsExpected)} sends)` : '');
    return `| ${name} | ${fmt(best?.deliveriesPerSecond)} | ${fmt(best?.rate, 1)} | ${fmt(first?.p50Ms)} / ${fmt(first?.p99Ms)} | ${fmt(best?.cpuPercent)} % (+${fmt(best?.infraCpuPercent)} % infra) | ${fmt(best?.rssMb)} MB | ${entry.steps.map(step).join('; ')} |`;
  });
  return [
    `| system | sustained deliveries/s (p99 ≤ ${results.p99LimitMs} ms, none lost) | at rate | p50 / p99 ms at the first rate | server CPU at that rate | server RSS | every step: rate → p99 |`,
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function ratios(scenario) {
  const best = (name) => sustained(results.systems[name]?.[scenario]?.steps)?.deliveriesPerSecond;
  return OURS.filter((name) => results.systems[name]).map((name) =>
    `| ${name} | ${ratio(best(name), best('legacy'))} | ${ratio(best(name), best('legacy-scaled'))} | ${ratio(best(name), best('ceiling'))} |`).join('\n');
}

function idleTable() {
  return [
    '| system | connections | RSS: before → with the rides (and their leaders) → with the followers | bytes per connection | bytes per ride beyond its connection |',
    '|---|---|---|---|---|',
    ...systems.map((name) => {
      const idle = results.systems[name].idle;
      if (!idle || idle.error) return `| ${name} | failed: ${idle?.error ?? 'not run'} | | | |`;
      return `| ${name} | ${fmt(idle.followers)} followers in ${fmt(idle.rides)} rides | ${fmt(idle.baselineRssMb)} → ${fmt(idle.ridesRssMb)} → ${fmt(idle.rssMb)} MB | ${fmt(idle.bytesPerConnection)} | ${fmt(idle.bytesPerRide)} |`;
    }),
  ].join('\n');
}

/** Heading, table, ratios and plot of a stepped scenario. */
function steppedSection(scenario, description) {
  return [
    `### ${scenario} — ${description}`, '',
    steppedTable(scenario), '',
    '| ours ÷ | legacy | legacy-scaled | ceiling |', '|---|---|---|---|', ratios(scenario), '',
    plots[scenario] ? `![${scenario}: p99 latency vs load](${relative(dirname(target), join(outDir, plots[scenario]))})` : '', '',
  ];
}

const plots = Object.fromEntries(['rides', 'radio'].map((scenario) => [scenario, plot(scenario)]));
const { plan, machine } = results;
const generated = [
  '<!-- results:begin (generated by bench/report.mjs; edit outside the markers) -->',
  `Run ${results.date} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}${results.quick ? ' (quick run)' : ''}; the load generator ran on the same machine.`,
  `Results: \`${resultsPath}\`.`,
  '',
  ...steppedSection('rides', `${plan.rides.rides} rides × ${plan.rides.followers} followers, leaders replaying a recorded track, ${plan.rides.ratesHz.join(', ')} Hz per leader, ${plan.rides.stepSeconds} s per step`),
  ...steppedSection('radio', `one room, ${plan.radio.listeners} listeners, ${plan.radio.ratesPerSecond.join(', ')} messages/s into the room, ${plan.radio.stepSeconds} s per step`),
  `### idle — ${plan.idle.followers} connected followers across ${plan.idle.rides} rides, no traffic; RSS read ${plan.settleMs / 1000} s after each phase`,
  '',
  idleTable(),
  '<!-- results:end -->',
].join('\n');

const existing = existsSync(target) ? readFileSync(target, 'utf8') : '';
const updated = /<!-- results:begin[\s\S]*<!-- results:end -->/.test(existing)
  ? existing.replace(/<!-- results:begin[\s\S]*<!-- results:end -->/, generated)
  : `# Benchmark results\n\nCommand: \`bench/run${results.quick ? ' --quick' : ''}\`.\n\n${generated}\n`;
writeFileSync(target, updated);
console.log(`wrote ${target}${Object.values(plots).filter(Boolean).map((p) => `, ${join(outDir, p)}`).join('')}`);
