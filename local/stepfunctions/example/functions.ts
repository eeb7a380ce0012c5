/** Example functions for `npm run sfn-local -- --functions local/stepfunctions/example/functions.ts`. */
import type { LambdaHandler } from '../index.js';

export default {
  /** Sums a unit's criterion scores. */
  score: async (event) => {
    const { scores = [] } = event as { scores?: number[] };
    return { score: scores.reduce((sum, s) => sum + s, 0) };
  },
  /** Would email the approver a link; here the token stays in the history (TaskScheduled parameters). */
  notify: async () => ({ notified: true }),
} satisfies Record<string, LambdaHandler>;
