export default {
  notify: async (event) => ({ sent: typeof event.token === 'string' && event.token.length > 0 }),
};
