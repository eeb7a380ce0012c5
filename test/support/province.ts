/**
 * A local stack holding the province drill's data (40 blocs × 25 units: three years published, this year
 * at every stage), with an admin signed in: for the province's tests and its page's benchmark.
 */
import { vietnamDateOf } from '../../functions/domain/index.js';
import { seedProvince, type ProvinceDataOptions } from '../../local/simulate/province-data.js';
import { Browser, startWebStack, type WebStack } from './web.js';

export interface ProvinceStack {
  web: WebStack;
  admin: Browser;
  year: number;
  now: Date;
  seedSeconds: number;
}

export async function startProvinceStack(options: { blocs?: number; units?: number; rulesOf?: ProvinceDataOptions['rulesOf'] } = {}): Promise<ProvinceStack> {
  const web = await startWebStack({ seed: false });
  const now = new Date(web.stack.clock.now());
  const year = Number(vietnamDateOf(now.getTime()).slice(0, 4));
  const began = performance.now();
  await seedProvince(web.stack.store, { blocs: options.blocs ?? 40, units: options.units ?? 25, seed: 2026, year, now, ...(options.rulesOf ? { rulesOf: options.rulesOf } : {}) });
  const seedSeconds = (performance.now() - began) / 1000;
  const admin = new Browser(web.stack.url);
  const path = new URL(web.stack.adminSignInUrl).pathname;
  await admin.get(path);
  await admin.post(path, {});
  return { web, admin, year, now, seedSeconds };
}
