/** Transition checks of a definition: every target exists in the same scope, every state is reachable. */
import type { Machine, State } from './asl.js';
import type { ProblemCode } from './errors.js';

type Report = (state: string, field: string, message: string, code?: ProblemCode) => void;

/** Every Next, Default and Catch target names a state of the same scope; every state is reachable from StartAt. */
export function checkTransitions(machine: Machine, scope: string, report: Report): void {
  const targets = (state: State): Array<[string, string]> => [
    ...(state.next !== undefined ? [['Next', state.next] as [string, string]] : []),
    ...(state.type === 'Choice' ? state.choices.map((c, i): [string, string] => [`Choices[${i}].Next`, c.next]) : []),
    ...(state.type === 'Choice' && state.default !== undefined ? [['Default', state.default] as [string, string]] : []),
    ...('catch' in state ? state.catch.map((c, i): [string, string] => [`Catch[${i}].Next`, c.next]) : []),
  ];
  const path = (name: string) => (scope ? `${scope}/${name}` : name);
  for (const state of machine.states.values()) {
    for (const [field, target] of targets(state)) {
      if (!machine.states.has(target)) {
        report(path(state.name), field, `Missing '${field.split('.').at(-1)}' target: ${target}`, 'MISSING_TRANSITION_TARGET');
      }
    }
  }
  if (!machine.states.has(machine.startAt)) return;
  const reached = new Set<string>([machine.startAt]);
  const pending = [machine.startAt];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const [, target] of targets(machine.states.get(name)!)) {
      if (machine.states.has(target) && !reached.has(target)) {
        reached.add(target);
        pending.push(target);
      }
    }
  }
  for (const name of machine.states.keys()) {
    if (!reached.has(name)) report(path(name), 'Type', `State "${name}" is not reachable from StartAt`);
  }
}
