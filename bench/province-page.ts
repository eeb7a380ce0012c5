/**
 * The province page at 40 blocs × 25 units (`npm run bench:province-page`): a local stack holding the
 * province drill's data (test/support/province.ts), then each of the province's pages asked ROUNDS times,
 * one after another, as the board's officer would; the time from request to the last byte. Issue 22 asks
 * the page to answer in under 1 s. Results go in BENCHMARKS.md.
 */
import { cpus, loadavg } from 'node:os';
import { startProvinceStack } from '../test/support/province.js';
import { percentile } from './province.js';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const round1 = (n: number) => Math.round(n * 10) / 10;

const stack = await startProvinceStack({ blocs: Number(process.env.BLOCS ?? 40), units: Number(process.env.UNITS ?? 25) });
try {
  console.log(`Seeded ${process.env.BLOCS ?? 40} blocs in ${round1(stack.seedSeconds)} s; load ${loadavg().map(round1).join(' ')} on ${cpus().length} cores`);
  // For comparison on the same machine at the same moment: a page that reads nothing, and the console's list of the year's cycles.
  const pages = ['/signin', `/admin?year=${stack.year}`, `/admin/province?year=${stack.year}`, `/admin/province?year=${stack.year}&kind=party`, `/admin/province/queue?year=${stack.year}`, `/admin/province/flag?year=${stack.year}`, `/admin/province/documents/tong-hop-ket-qua.xlsx?year=${stack.year}`];
  for (const path of pages) {
    const ms: number[] = [];
    for (let i = 0; i < ROUNDS + 1; i++) {
      const began = performance.now();
      const response = await stack.admin.get(path);
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      if (i > 0) ms.push(performance.now() - began); // the first warms the handler's imports
      if (i === 0) console.log(`${path}: ${body.byteLength} bytes`);
    }
    ms.sort((a, b) => a - b);
    console.log(`${path}: p50 ${round1(percentile(ms, 50))} ms, p90 ${round1(percentile(ms, 90))} ms, p95 ${round1(percentile(ms, 95))} ms, best ${round1(ms[0]!)} ms, worst ${round1(ms.at(-1)!)} ms (${ROUNDS} requests)`);
  }
} finally {
  await stack.web.stop();
}
