export default {
  notify: async () => ({}),
};
