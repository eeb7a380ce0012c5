/**
 * The demo's actors' answers: seeded, so that a seed replays the same run, and realistic (near the maximum,
 * a bonus now and then, a correction rarely), so that rankings, ties and corrections look like a real year's.
 */
import { criteriaOf, defaultCriteriaSheet } from '../../functions/domain/index.js';

/** Mulberry32: a small seeded generator, so a seed replays the same demo. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator of one actor's answers in one step: the same whatever order or how often the steps run. */
export function randomFor(seed: number, key: string): () => number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return seeded(hash);
}

/** A realistic self-assessment: near the maximum on most criteria, a bonus now and then, rarely a penalty. */
export function selfScores(random: () => number): Record<string, { points: number; note: string }> {
  return Object.fromEntries(
    criteriaOf(defaultCriteriaSheet).map((c) => {
      const steps = Math.round(c.maxPoints / c.step);
      const drop = c.kind === 'standard' ? Math.floor(random() * random() * 0.12 * steps) : 0;
      const points = c.kind === 'standard' ? (steps - drop) * c.step : c.kind === 'bonus' ? (random() < 0.25 ? c.maxPoints / 2 : 0) : random() < 0.05 ? c.step * 20 : 0;
      return [c.code, { points, note: points > 0 && c.kind === 'bonus' ? 'Quyết định khen thưởng kèm theo' : '' }];
    }),
  );
}

/** A cross-check that confirms nearly everything and now and then corrects a criterion down, with a reason. */
export function crossCheckItems(random: () => number): Record<string, unknown> {
  return Object.fromEntries(
    criteriaOf(defaultCriteriaSheet).map((c) =>
      c.kind === 'standard' && random() < 0.04
        ? [c.code, { verdict: 'correct', points: c.maxPoints * 0.9, reason: 'Minh chứng chưa đầy đủ theo hướng dẫn chấm' }]
        : [c.code, { verdict: 'confirm' }],
    ),
  );
}

