class Broken extends Error {
  constructor(message) { super(message); this.name = 'Broken'; }
}
export default {
  boom: async () => { throw new Broken('it broke'); },
};
