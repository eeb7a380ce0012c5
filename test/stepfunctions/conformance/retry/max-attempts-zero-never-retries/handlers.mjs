class Transient extends Error {
  constructor(message) { super(message); this.name = 'Transient'; }
}
const attempts = new Map();
export default {
  flaky: async (event) => {
    const n = (attempts.get(event.key) ?? 0) + 1;
    attempts.set(event.key, n);
    if (n <= 100) throw new Transient('attempt ' + n + ' failed');
    return { attempts: n, retryCount: event.retryCount };
  },
  attempts: async (event) => ({ attempts: attempts.get(event.key) ?? 0 }),
};
