/** The envelope every stored entity shares: its payload, a version for optimistic concurrency, times. */
import type { Item } from './items.js';

export interface Versioned<T> {
  data: T;
  /** Starts at 1; pass it back as `expectedVersion` to change the entity. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Validates a stored payload (any zod schema fits); without one the payload stays `unknown`. */
export interface Parser<T> {
  parse(input: unknown): T;
}

export function toVersioned<T>(item: Item, parser?: Parser<T>): Versioned<T> {
  return {
    data: (parser ? parser.parse(item.data) : item.data) as T,
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

/** Attributes to set when saving a payload: createdAt only on creation. */
export function envelope(data: unknown, expectedVersion: number, now: Date): Record<string, unknown> {
  const at = now.toISOString();
  return expectedVersion === 0 ? { data, createdAt: at, updatedAt: at } : { data, updatedAt: at };
}
