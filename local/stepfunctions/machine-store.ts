/** State machines on disk: one JSON file each, replaced atomically so a crash never leaves a torn one. */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
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
    const file = this.file(record);
    const temporary = `${file}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, JSON.stringify(record, null, 2));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  }

  delete(record: StateMachineRecord): void {
    rmSync(this.file(record), { force: true });
  }

  private file(record: StateMachineRecord): string {
    return join(this.dir, `${encodeURIComponent(record.name)}.json`);
  }
}
