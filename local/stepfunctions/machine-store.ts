/**
 * State machines on disk: one JSON file each, replaced atomically so a crash never leaves a torn one;
 * and the definitions executions run, stored once each by content.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: string;
  creationDate: number;
  revisionId: string;
}

export class StateMachineStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  load(): StateMachineRecord[] {
    return readdirSync(this.dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as StateMachineRecord);
  }

  save(record: StateMachineRecord): void {
    writeAtomically(this.file(record), JSON.stringify(record, null, 2));
  }

  delete(record: StateMachineRecord): void {
    rmSync(this.file(record), { force: true });
  }

  private file(record: StateMachineRecord): string {
    return join(this.dir, `${encodeURIComponent(record.name)}.json`);
  }
}

/**
 * The definitions executions started with, one file per distinct text named by its SHA-256, so an
 * execution's history refers to its definition instead of repeating it (a 2,000-state definition is
 * ≈ 150 KB) and an update of the state machine never changes what a running execution runs.
 */
export class DefinitionStore {
  /** Names by text: a state machine's definition is one string, whose hash V8 computes once. */
  private readonly saved = new Map<string, string>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Stores a definition (durably, before any history refers to it); returns its name. */
  save(definition: string): string {
    const known = this.saved.get(definition);
    if (known) return known;
    const sha256 = createHash('sha256').update(definition).digest('hex');
    const file = this.file(sha256);
    if (!existsSync(file)) writeAtomically(file, definition);
    this.saved.set(definition, sha256);
    return sha256;
  }

  read(sha256: string): string {
    return readFileSync(this.file(sha256), 'utf8');
  }

  private file(sha256: string): string {
    return join(this.dir, `${sha256}.asl.json`);
  }
}

/** Writes a file whole or not at all: a temporary file, fsync'd, renamed over the target. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
