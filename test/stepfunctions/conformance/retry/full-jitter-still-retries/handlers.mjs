export default {
  flaky: async ({ retryCount }) => {
    if (retryCount < 2) {
      const error = new Error('try again');
      error.name = 'Busy';
      throw error;
    }
    return { succeededOnRetry: retryCount };
  },
};
