// An async handler whose promise rejects with an Error.
export const handler = async () => {
  throw new Error('rejected on purpose');
};
