export default {
  double: async (event) => ({ n: event.n * 2 }),
};
