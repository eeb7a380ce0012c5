import * as z from 'zod';

/**
 * Points are kept as integer hundredths ("1.25 điểm" is 125), so sums over thousands of 0.25 steps stay
 * exact. Decimal points appear only at the edges: forms in, documents out.
 */
export type Hundredths = number;

/** Converts a decimal point value to hundredths; `undefined` when it is not on the hundredths grid. */
export function toHundredths(points: number): Hundredths | undefined {
  if (!Number.isFinite(points)) return undefined;
  const scaled = Math.round(points * 100);
  return Math.abs(scaled - points * 100) < 1e-6 ? scaled : undefined;
}

/** Converts hundredths back to a decimal number of points (exact for display: 12.25, not 12.250000001). */
export function fromHundredths(value: Hundredths): number {
  return value / 100;
}

/** A non-negative point value given in decimal, on the hundredths grid (e.g. 0.25, 12.5, 1000). */
export const PointsSchema = z
  .number({ error: 'must be a number of points' })
  .nonnegative({ error: 'must not be negative' })
  .refine((v) => toHundredths(v) !== undefined, { error: 'must have at most two decimals' });

/** A strictly positive point value (a maximum, a step). */
export const PositivePointsSchema = PointsSchema.refine((v) => v > 0, { error: 'must be greater than 0' });
