export default {
  echo: async (event) => event,
};
