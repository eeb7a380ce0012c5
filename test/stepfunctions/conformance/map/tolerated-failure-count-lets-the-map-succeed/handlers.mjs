class Rejected extends Error {
  constructor(message) { super(message); this.name = 'Rejected'; }
}
export default {
  judge: async (event) => {
    if (event.score < 5) throw new Rejected(`score ${event.score} is too low`);
    return { score: event.score };
  },
};
