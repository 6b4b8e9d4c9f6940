/** TEST BUILD ONLY. An Error with WebLLM's error class name, which is what Nook classifies by. */
export function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
