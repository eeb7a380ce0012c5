import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClockError, OffsetClock } from '../../local/clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;
let dir: string;
let clocks: OffsetClock[] = [];
const open = () => {
  const clock = new OffsetClock(join(dir, 'clock.json'));
  clocks.push(clock);
  return clock;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thidua-clock-'));
});
afterEach(async () => {
  for (const clock of clocks) clock.close();
  clocks = [];
  await rm(dir, { recursive: true, force: true });
});

describe('the offset clock', () => {
  it('runs with the system time until told to jump', () => {
    const clock = open();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
  });

  it('fires the timers a jump passes, in due order, each at its own time', async () => {
    const clock = open();
    const start = clock.now();
    const fired: Array<[string, number]> = [];
    clock.setTimer(start + 3 * DAY_MS, () => fired.push(['third', clock.now()]));
    clock.setTimer(start + DAY_MS, () => fired.push(['first', clock.now()]));
    clock.setTimer(start + 2 * DAY_MS, () => fired.push(['second', clock.now()]));
    clock.setTimer(start + 9 * DAY_MS, () => fired.push(['later', clock.now()]));
    await clock.advance(5 * DAY_MS);
    expect(fired.map(([name]) => name)).toEqual(['first', 'second', 'third']);
    fired.forEach(([, at], i) => expect(at - (start + (i + 1) * DAY_MS)).toBeLessThan(1000));
    expect(clock.nextDueAt).toBe(start + 9 * DAY_MS);
  });

  it('lets the work a timer starts arm the next timer before moving past it', async () => {
    const clock = open();
    const start = clock.now();
    const fired: string[] = [];
    let pending: Promise<void> = Promise.resolve();
    clock.onSettle(() => pending);
    // The first timer's work takes a while (as a Lambda would) and then arms the next timer.
    clock.setTimer(start + DAY_MS, () => {
      pending = new Promise((resolve) =>
        setTimeout(() => {
          clock.setTimer(start + 2 * DAY_MS, () => fired.push(`armed by the first, fired at +${Math.round((clock.now() - start) / DAY_MS)} days`));
          resolve();
        }, 30),
      );
    });
    await clock.advance(3 * DAY_MS);
    expect(fired).toEqual(['armed by the first, fired at +2 days']);
  });

  it('still fires timers in real time', async () => {
    const clock = open();
    const fired = await new Promise<boolean>((resolve) => clock.setTimer(clock.now() + 20, () => resolve(true)));
    expect(fired).toBe(true);
  });

  it('does not fire a cancelled timer', async () => {
    const clock = open();
    let fired = false;
    clock.setTimer(clock.now() + DAY_MS, () => (fired = true)).cancel();
    await clock.advance(2 * DAY_MS);
    expect(fired).toBe(false);
  });

  it('refuses to move backwards', async () => {
    const clock = open();
    await expect(clock.advanceTo(clock.now() - DAY_MS)).rejects.toThrow(ClockError);
    await expect(clock.advance(-1)).rejects.toThrow(ClockError);
  });

  it('keeps its offset across a restart', async () => {
    const first = open();
    await first.advance(10 * DAY_MS);
    first.close();
    const second = open();
    expect(second.offset).toBe(first.offset);
    expect(second.now() - Date.now()).toBeGreaterThan(10 * DAY_MS - 1000);
  });
});
