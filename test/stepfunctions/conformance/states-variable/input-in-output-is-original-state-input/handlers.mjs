export default {
  replace: async () => ({ v: 'out' }),
};
