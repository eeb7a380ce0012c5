class ErrorA extends Error {
  constructor(message) { super(message); this.name = 'ErrorA'; }
}
class ErrorB extends Error {
  constructor(message) { super(message); this.name = 'ErrorB'; }
}
const attempts = new Map();
export default {
  // attempt 1 throws ErrorA, attempt 2 throws ErrorB, attempt 3 succeeds
  alternate: async (event) => {
    const n = (attempts.get(event.key) ?? 0) + 1;
    attempts.set(event.key, n);
    if (n === 1) throw new ErrorA('first');
    if (n === 2) throw new ErrorB('second');
    return { attempts: n };
  },
};
