import { createHash } from 'node:crypto';

/**
 * Cross-check assignment ("phân công kiểm tra chéo", SPEC §3.4): every unit checks one other unit and is
 * checked by one. The units are shuffled by a generator seeded with the cycle id, then each checks the
 * next one around the circle: a single cycle through all units, so nobody checks itself and, with more
 * than two units, no two units check each other. The same seed always gives the same assignment, so it
 * can be reproduced and audited.
 */
export interface CrossCheckAssignment {
  checkerUnitId: string;
  checkedUnitId: string;
}

/** Assigns checkers for `unitIds` deterministically from `seed`; a bloc of one unit has no cross-check. */
export function assignCrossChecks(unitIds: readonly string[], seed: string): CrossCheckAssignment[] {
  const ids = [...new Set(unitIds)].sort();
  if (ids.length < 2) return [];
  const random = seededRandom(seed);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.map((checkerUnitId, i) => ({ checkerUnitId, checkedUnitId: ids[(i + 1) % ids.length]! }));
}

/** Uniform numbers in [0, 1) from SHA-256 in counter mode: portable and the same on every machine. */
function seededRandom(seed: string): () => number {
  let counter = 0;
  return () => {
    const digest = createHash('sha256').update(`${seed}:${counter++}`).digest();
    return digest.readUIntBE(0, 6) / 2 ** 48;
  };
}
