// Sleeps past the function's timeout when asked to, otherwise answers at once: a timed-out instance is replaced.
export const handler = async (event) => {
  if (event.sleepMs) {
    await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  }
  return { pid: process.pid };
};
