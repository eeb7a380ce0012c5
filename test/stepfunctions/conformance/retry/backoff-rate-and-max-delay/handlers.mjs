class Transient extends Error {
  constructor(message) { super(message); this.name = 'Transient'; }
}
const seen = new Map();
export default {
  // Fails three times, then reports the whole seconds between consecutive attempts.
  // Expected delays: 2, then 2*3=6, then min(6*3, 10)=10.
  timed: async (event) => {
    const times = seen.get(event.key) ?? [];
    times.push(event.now);
    seen.set(event.key, times);
    if (times.length <= 3) throw new Transient('attempt ' + times.length);
    return { delays: times.slice(1).map((t, i) => Math.floor((t - times[i]) / 1000)) };
  },
};
