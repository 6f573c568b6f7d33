// Compares the cold loads of two builds, interleaved, so that both see the same machine:
//
//   node bench/compare.mjs DIST_A DIST_B [N] [--phone]   (N rounds, 15 if not given)
//
// Each round loads A then B, or B then A (alternating), each time in a newly launched Chromium
// with a fresh profile after a discarded warm-up launch, exactly as bench/browser.mjs's
// coldLoads() does; then prints each build's median (min–max) for the load milestones and the
// difference of the medians. On this 2-core machine one run of ./scripts/bench.sh can differ from
// the next by 30 ms or more in its median first-question time, so compare two builds with this,
// not with two separate benchmark runs. DIST_A and DIST_B are dist/ folders built by
// scripts/build.sh (say, one from a `git worktree` of the older commit). Reports, never fails on
// a timing; exits 1 if a load could not be measured. With --phone, the loads emulate the
// benchmark's phone (bench/browser.mjs's PROFILES.phone: CPU ×4, 150 ms and 1.6 Mbit/s per
// request). Files are served by bench/server.mjs (text files gzipped, as a web server would).

import { PROFILES, coldLoads } from './browser.mjs';
import { startBenchServer } from './server.mjs';

const phone = process.argv.includes('--phone');
const [distA, distB, rounds = '15'] = process.argv.slice(2).filter((a) => a !== '--phone');
const n = Number(rounds);
if (!distA || !distB || !Number.isInteger(n) || n < 1) {
  console.error('usage: node bench/compare.mjs DIST_A DIST_B [ROUNDS] [--phone]');
  process.exit(2);
}

const METRICS = [
  ['loaderRan', 'loader running'],
  ['headingShown', 'start heading shown'],
  ['mounted', 'widget mounting'],
  ['startUsable', 'start page usable'],
  ['firstQuestion', 'first question usable'],
  ['widgetToFirstQuestion', '  loader running → first question'],
  ['startToFirstQuestion', '  Start click → first question'],
];

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const servers = { A: await startBenchServer(distA), B: await startBenchServer(distB) };
const profile = phone ? PROFILES.phone : PROFILES.desktop;
const samples = { A: [], B: [] };
try {
  for (let round = 0; round < n; round++) {
    for (const build of round % 2 ? ['B', 'A'] : ['A', 'B']) {
      const [sample] = await coldLoads(servers[build].url, { loads: 1, profile, warmUp: round === 0 || !phone });
      if (sample.errors.length) throw new Error(`${build}: ${sample.errors.join('; ')}`);
      samples[build].push(sample);
    }
    process.stderr.write(`round ${round + 1}/${n}\r`);
  }
} catch (error) {
  console.error(`\ncould not measure: ${error.message}`);
  process.exitCode = 1;
} finally {
  await servers.A.close();
  await servers.B.close();
}

if (!process.exitCode) {
  const ms = (x) => `${x.toFixed(1)} ms`.padStart(9);
  console.log(
    `\n${n} interleaved ${profile.name} cold loads each; A = ${distA}, B = ${distB}; median (min–max), ms since navigation`,
  );
  console.log(`${'metric'.padEnd(36)} ${'A'.padStart(26)} ${'B'.padStart(26)}   B − A`);
  for (const [key, label] of METRICS) {
    const cell = (build) => {
      const v = samples[build].map((s) => s[key]);
      if (!v.every(Number.isFinite)) process.exitCode = 1;
      return `${ms(median(v))} (${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)})`.padStart(26);
    };
    const diff = median(samples.B.map((s) => s[key])) - median(samples.A.map((s) => s[key]));
    console.log(`${label.padEnd(36)} ${cell('A')} ${cell('B')}   ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} ms`);
  }
}
process.exit(process.exitCode ?? 0);
