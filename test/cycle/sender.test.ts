import { describe, expect, it } from 'vitest';
import { senderOf } from '../../functions/cycle/notify.js';
import { cycleConfig } from './fixtures.js';

describe('senderOf', () => {
  it('signs the emails of a bloc without a configured leader for the first unit in rotation, which leads this year', () => {
    const config = cycleConfig();
    const { leaderUnitId: _none, ...bloc } = config.bloc;
    const first = [...bloc.units].sort((a, b) => a.rotationOrder - b.rotationOrder)[0]!;
    expect(senderOf({ ...config, bloc })).toEqual({ blocName: bloc.name, unitName: first.name, email: first.email });
  });
});
