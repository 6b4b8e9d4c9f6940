/**
 * The one failure a worker call rejects with: typed error data (a code and what the UI needs to
 * word it) that crossed the thread boundary as plain data. Each worker's domain names its own
 * subclass (EngineFailure, ExtractFailure, ImageFailure) so callers can tell them apart; the data
 * and the code live here. Pure; used on both threads.
 */
export interface WorkerError {
  code: string;
}

export class WorkerFailure<E extends WorkerError = WorkerError> extends Error {
  constructor(
    readonly error: E,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  get code(): E['code'] {
    return this.error.code;
  }
}
