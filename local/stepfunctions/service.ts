/**
 * The Step Functions operations, on plain objects (the HTTP layer only decodes and encodes): state
 * machines as JSON files, executions as history files under the data directory.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from './asl.js';
import { parseDefinition } from './definition.js';
import { ApiError, DefinitionError, type DefinitionProblem } from './errors.js';
import { Execution, type ExecutionServices, findWaiter } from './execution.js';
import { HistoryLog } from './history.js';
import { DefinitionStore, type StateMachineRecord, StateMachineStore } from './machine-store.js';
import { apiEvent, checkArn, MONITORING_OFF, NAME, page, seconds, STATUSES, taskOutput, validationReport } from './service-shapes.js';

type Params = Record<string, unknown>;


export class StepFunctionsService {
  private readonly machines = new Map<string, StateMachineRecord>();
  /** Parsed definitions by text: parsing compiles every expression, so it is done once per definition. */
  private readonly parsed = new Map<string, Machine>();
  readonly executions = new Map<string, Execution>();
  private readonly store: StateMachineStore;
  private readonly definitions: DefinitionStore;
  private readonly executionDir: string;

  constructor(
    dataDir: string,
    private readonly services: ExecutionServices,
  ) {
    this.store = new StateMachineStore(join(dataDir, 'state-machines'));
    this.definitions = new DefinitionStore(join(dataDir, 'definitions'));
    this.executionDir = join(dataDir, 'executions');
    HistoryLog.ensureDirectory(this.executionDir);
  }

  /** Loads state machines and executions; resumes every execution that was running. */
  async load(): Promise<void> {
    for (const record of this.store.load()) this.machines.set(record.stateMachineArn, record);
    for (const file of readdirSync(this.executionDir).filter((f) => f.endsWith('.jsonl'))) {
      const log = HistoryLog.load(join(this.executionDir, file), (sha256) => this.definitions.read(sha256));
      if (!log) {
        rmSync(join(this.executionDir, file));
        continue;
      }
      const execution = new Execution(log, this.compiled(log.meta.definition), this.services);
      this.executions.set(log.meta.executionArn, execution);
    }
    for (const execution of this.executions.values()) await execution.start();
  }

  async halt(): Promise<void> {
    await Promise.all([...this.executions.values()].map((e) => e.halt()));
  }

  private arn(kind: 'stateMachine' | 'execution', ...names: string[]): string {
    return `arn:aws:states:${this.services.region}:${this.services.accountId}:${kind}:${names.join(':')}`;
  }

  /** A definition from storage, already validated when it was created. */
  private compiled(definition: string): Machine {
    let machine = this.parsed.get(definition);
    if (!machine) this.parsed.set(definition, (machine = parseDefinition(definition)));
    return machine;
  }

  private parse(definition: unknown): Machine {
    if (typeof definition !== 'string') throw new ApiError('ValidationException', 'definition is required');
    try {
      const machine = parseDefinition(definition, { hasFunction: (name) => this.services.functions.has(name) });
      this.parsed.set(definition, machine);
      return machine;
    } catch (error) {
      if (error instanceof DefinitionError) throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${error.message}'`);
      throw error;
    }
  }

  private machine(arn: unknown): StateMachineRecord {
    const record = this.machines.get(checkArn(arn, 'stateMachine'));
    if (!record) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    return record;
  }

  execution(arn: unknown): Execution {
    const execution = this.executions.get(checkArn(arn, 'execution'));
    if (!execution) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return execution;
  }

  private save(record: StateMachineRecord): void {
    this.machines.set(record.stateMachineArn, record);
    this.store.save(record);
  }

  CreateStateMachine(p: Params): Params {
    const name = String(p.name ?? '');
    if (!NAME.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    this.parse(p.definition);
    const arn = this.arn('stateMachine', name);
    const existing = this.machines.get(arn);
    if (existing) {
      if (existing.definition === p.definition && existing.roleArn === p.roleArn) {
        return { stateMachineArn: arn, creationDate: seconds(existing.creationDate) };
      }
      throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const now = this.services.clock.now();
    this.save({
      stateMachineArn: arn,
      name,
      definition: String(p.definition),
      roleArn: String(p.roleArn ?? ''),
      type: String(p.type ?? 'STANDARD'),
      creationDate: now,
      revisionId: this.services.ids.uuid(),
    });
    return { stateMachineArn: arn, creationDate: seconds(now) };
  }

  UpdateStateMachine(p: Params): Params {
    const record = this.machine(p.stateMachineArn);
    if (p.definition !== undefined) this.parse(p.definition);
    const revisionId = this.services.ids.uuid();
    this.save({
      ...record,
      definition: typeof p.definition === 'string' ? p.definition : record.definition,
      roleArn: typeof p.roleArn === 'string' ? p.roleArn : record.roleArn,
      revisionId,
    });
    return { updateDate: seconds(this.services.clock.now()), revisionId };
  }

  DescribeStateMachine(p: Params): Params {
    const r = this.machine(p.stateMachineArn);
    return {
      stateMachineArn: r.stateMachineArn,
      name: r.name,
      status: 'ACTIVE',
      definition: r.definition,
      roleArn: r.roleArn,
      type: r.type,
      creationDate: seconds(r.creationDate),
      revisionId: r.revisionId,
      ...MONITORING_OFF,
    };
  }

  /** The state machine an execution runs, with the definition it started with. */
  DescribeStateMachineForExecution(p: Params): Params {
    const { meta } = this.execution(p.executionArn);
    const record = this.machines.get(meta.stateMachineArn);
    return {
      stateMachineArn: meta.stateMachineArn,
      name: meta.stateMachineArn.split(':').at(-1),
      definition: meta.definition,
      roleArn: meta.roleArn,
      updateDate: seconds(record?.creationDate ?? meta.startDate),
      ...MONITORING_OFF,
    };
  }

  /** Every problem of a definition as diagnostics, without creating anything. */
  ValidateStateMachineDefinition(p: Params): Params {
    if (typeof p.definition !== 'string') throw new ApiError('ValidationException', 'definition is required');
    let problems: DefinitionProblem[] = [];
    try {
      parseDefinition(p.definition, { hasFunction: (name) => this.services.functions.has(name) });
    } catch (error) {
      if (!(error instanceof DefinitionError)) throw error;
      problems = error.problems;
    }
    return validationReport(problems, p);
  }

  ListStateMachines(p: Params): Params {
    const all = [...this.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
    const { items, nextToken } = page(all, p);
    return {
      stateMachines: items.map((r) => ({ stateMachineArn: r.stateMachineArn, name: r.name, type: r.type, creationDate: seconds(r.creationDate) })),
      ...(nextToken && { nextToken }),
    };
  }

  DeleteStateMachine(p: Params): Params {
    const record = this.machine(p.stateMachineArn);
    this.machines.delete(record.stateMachineArn);
    this.store.delete(record);
    return {};
  }

  async StartExecution(p: Params): Promise<Params> {
    const record = this.machine(p.stateMachineArn);
    const name = p.name === undefined ? this.services.ids.uuid() : String(p.name);
    if (!NAME.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    const input = p.input === undefined ? '{}' : String(p.input);
    try {
      JSON.parse(input);
    } catch {
      throw new ApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON');
    }
    const executionArn = this.arn('execution', record.name, name);
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.meta.input === input && existing.status().status === 'RUNNING') {
        return { executionArn, startDate: seconds(existing.meta.startDate) };
      }
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const meta = {
      executionArn,
      stateMachineArn: record.stateMachineArn,
      name,
      definition: record.definition,
      definitionSha256: this.definitions.save(record.definition),
      roleArn: record.roleArn,
      input,
      startDate: this.services.clock.now(),
    };
    const file = join(this.executionDir, `${encodeURIComponent(`${record.name}:${name}`)}.jsonl`);
    if (existsSync(file)) rmSync(file);
    const execution = new Execution(HistoryLog.create(file, meta), this.compiled(record.definition), this.services);
    this.executions.set(executionArn, execution);
    await execution.start();
    return { executionArn, startDate: seconds(meta.startDate) };
  }

  DescribeExecution(p: Params): Params {
    const e = this.execution(p.executionArn);
    const status = e.status();
    return {
      executionArn: e.meta.executionArn,
      stateMachineArn: e.meta.stateMachineArn,
      name: e.meta.name,
      status: status.status,
      startDate: seconds(e.meta.startDate),
      ...(e.stopDate !== undefined && { stopDate: seconds(e.stopDate) }),
      input: e.meta.input,
      inputDetails: { included: true },
      ...('output' in status && { output: status.output, outputDetails: { included: true } }),
      ...('error' in status && { error: status.error }),
      ...('cause' in status && { cause: status.cause }),
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
  }

  ListExecutions(p: Params): Params {
    const arn = this.machine(p.stateMachineArn).stateMachineArn;
    if (p.statusFilter !== undefined && !STATUSES.includes(String(p.statusFilter))) {
      throw new ApiError('ValidationException', `statusFilter must be one of ${STATUSES.join(', ')}`);
    }
    const all = [...this.executions.values()]
      .filter((e) => e.meta.stateMachineArn === arn)
      .filter((e) => p.statusFilter === undefined || e.status().status === p.statusFilter)
      .sort((a, b) => b.meta.startDate - a.meta.startDate || a.meta.name.localeCompare(b.meta.name));
    const { items, nextToken } = page(all, p);
    return {
      executions: items.map((e) => ({
        executionArn: e.meta.executionArn,
        stateMachineArn: e.meta.stateMachineArn,
        name: e.meta.name,
        status: e.status().status,
        startDate: seconds(e.meta.startDate),
        ...(e.stopDate !== undefined && { stopDate: seconds(e.stopDate) }),
      })),
      ...(nextToken && { nextToken }),
    };
  }

  async StopExecution(p: Params): Promise<Params> {
    const e = this.execution(p.executionArn);
    const event = await e.stop(p.error as string | undefined, p.cause as string | undefined);
    return { stopDate: seconds(event?.timestamp ?? this.services.clock.now()) };
  }

  async GetExecutionHistory(p: Params): Promise<Params> {
    const events = await this.execution(p.executionArn).log.readEvents();
    const ordered = p.reverseOrder === true ? events.reverse() : events;
    const { items, nextToken } = page(ordered, p);
    return { events: items.map((e) => apiEvent(e, p.includeExecutionData !== false)), ...(nextToken && { nextToken }) };
  }

  async SendTaskSuccess(p: Params): Promise<Params> {
    const output = taskOutput(p.output);
    await (await findWaiter(this.executions, p.taskToken)).succeed(output);
    return {};
  }

  async SendTaskFailure(p: Params): Promise<Params> {
    await (await findWaiter(this.executions, p.taskToken)).fail(String(p.error ?? ''), String(p.cause ?? ''));
    return {};
  }

  async SendTaskHeartbeat(p: Params): Promise<Params> {
    await (await findWaiter(this.executions, p.taskToken)).heartbeat();
    return {};
  }
}

