class Transient extends Error {
  constructor(message) { super(message); this.name = 'Transient'; }
}
const attempts = new Map();
export default {
  flaky: async (event) => {
    const n = (attempts.get(event.key) ?? 0) + 1;
    attempts.set(event.key, n);
    if (n === 1) throw new Transient('first attempt fails');
    return { attempts: n };
  },
};
