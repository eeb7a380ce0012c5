export default {
  // Hands the token on and never answers: the task waits until it is aborted.
  notify: async () => ({ sent: true }),
};
