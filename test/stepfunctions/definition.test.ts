/** Parsing and validating definitions: every problem reported together, with state and field. */
import { describe, expect, it } from 'vitest';
import { DefinitionError, parseDefinition } from '../../local/stepfunctions/index.js';

const problemsOf = (definition: unknown, hasFunction?: (name: string) => boolean) => {
  try {
    parseDefinition(definition as object, hasFunction ? { hasFunction } : {});
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  return [];
};

const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ QueryLanguage: 'JSONata', StartAt: Object.keys(states)[0], States: states, ...extra });

describe('parseDefinition', () => {
  it('reports every problem together, each with its state and field', () => {
    const problems = problemsOf(
      machine({
        Start: { Type: 'Pass', Next: 'Ghost' },
        Wait: { Type: 'Wait', Next: 'Start' },
        Call: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ state: 'Start', field: 'Next' }),
        expect.objectContaining({ state: 'Wait', field: 'Seconds' }),
        expect.objectContaining({ state: 'Call', field: 'Resource' }),
        expect.objectContaining({ state: 'Wait', message: expect.stringContaining('not reachable') }),
      ]),
    );
  });

  it('rejects a JSONPath state, naming it', () => {
    const problems = problemsOf(machine({ Old: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }));
    expect(problems).toEqual([expect.objectContaining({ state: 'Old', field: 'QueryLanguage' })]);
  });

  it('reads a definition without QueryLanguage as JSONPath, as AWS does, and names each state', () => {
    const problems = problemsOf({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', QueryLanguage: 'JSONata', End: true } } });
    expect(problems).toEqual([expect.objectContaining({ state: 'A', field: 'QueryLanguage', message: expect.stringContaining('default') })]);
  });

  it('rejects JSONata that does not compile, naming the field', () => {
    const problems = problemsOf(machine({ Build: { Type: 'Pass', Output: { total: '{% $sum( %}' }, End: true } }));
    expect(problems).toEqual([expect.objectContaining({ state: 'Build', field: 'Output' })]);
  });

  it('rejects a Lambda function that is not registered, and accepts one given by ARN', () => {
    const task = (name: string) => machine({ Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: name }, End: true } });
    const known = (name: string) => name === 'score';
    expect(problemsOf(task('missing'), known)).toEqual([expect.objectContaining({ state: 'Call', field: 'Arguments.FunctionName' })]);
    expect(problemsOf(task('arn:aws:lambda:us-east-1:123456789012:function:score:live'), known)).toEqual([]);
  });

  it('requires HeartbeatSeconds to be smaller than TimeoutSeconds', () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Arguments: { FunctionName: 'f' }, TimeoutSeconds: 60, HeartbeatSeconds: 60, End: true };
    expect(problemsOf(machine({ Wait: task }))).toEqual([expect.objectContaining({ state: 'Wait', field: 'HeartbeatSeconds' })]);
  });

  it('checks retriers and catchers: States.ALL alone and last, numbers in range', () => {
    const problems = problemsOf(
      machine({
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'f' },
          Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'], BackoffRate: 0.5 }],
          Catch: [{ ErrorEquals: ['States.ALL', 'X'], Next: 'Call' }],
          End: true,
        },
      }),
    );
    expect(problems.map((p) => p.field)).toEqual(['Retry[0].ErrorEquals', 'Retry[1].BackoffRate', 'Catch[0].ErrorEquals']);
  });
});
