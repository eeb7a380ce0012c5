class ValidationFailed extends Error {
  constructor(message) { super(message); this.name = 'ValidationFailed'; }
}
export default {
  boom: async () => { throw new ValidationFailed('score out of range'); },
};
