export default {
  hang: () => new Promise(() => {}),
};
