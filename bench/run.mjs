// `npm run bench`: builds the test app, runs every benchmark side by side in one session, prints
// the figures and writes them to bench/results/latest.json and bench/results/latest.md.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { startApp } from './harness.mjs';
import * as appStart from './app-start.mjs';
import * as extraction from './extraction.mjs';
import * as inputLatency from './input-latency.mjs';
import * as llamacpp from './llamacpp.mjs';
import * as ocr from './ocr.mjs';
import * as openToFirstToken from './open-to-first-token.mjs';
import * as streamingRender from './streaming-render.mjs';
import * as streamingUnderLoad from './streaming-under-load.mjs';
import * as tables from './tables.mjs';
import * as workerOverhead from './worker-overhead.mjs';

// `npm run bench -- NAME…` runs only the named benchmarks.
const wanted = process.argv.slice(2);
const benches = [
  streamingUnderLoad,
  streamingRender,
  extraction,
  ocr,
  inputLatency,
  appStart,
  openToFirstToken,
  llamacpp,
  tables,
  workerOverhead,
].filter((bench) => wanted.length === 0 || wanted.includes(bench.name));

execSync('npm run build:e2e --silent', { stdio: 'inherit' });
const app = await startApp();
const results = [];
try {
  for (const bench of benches) {
    const result = await bench.run(app.url);
    results.push(result);
    console.log(`\n${result.name}: ${result.description}`);
    for (const [label, value] of result.rows) console.log(`  ${label}: ${value}`);
  }
} finally {
  await app.close();
}

const machine = {
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`,
  node: process.version,
  browser: 'Chromium (headless), WebGPU on SwiftShader',
};
const date = new Date().toISOString();
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  `${JSON.stringify({ date, machine, results }, null, 2)}\n`,
);
const markdown = [
  `Measured ${date.slice(0, 10)} on ${machine.cpus}, ${machine.memoryGiB} GiB, ${machine.browser}.`,
  '',
  '| benchmark | figure | value |',
  '| --- | --- | --- |',
  ...results.flatMap((r) => r.rows.map(([label, value]) => `| ${r.name} | ${label} | ${value} |`)),
  '',
].join('\n');
writeFileSync('bench/results/latest.md', markdown);
console.log('\nWrote bench/results/latest.json and bench/results/latest.md');
