import { describe, expect, it } from 'vitest';
import { totalsChart } from '../../functions/web/province-charts.js';

describe('the province page\'s chart of totals', () => {
  it('draws no percentage axis while no bloc has been scored', () => {
    expect(totalsChart([], 'vi').ticks).toEqual([]);
  });
});
