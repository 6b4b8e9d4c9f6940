/**
 * WebLLM's IndexedDB cache swallows the HTTP status of a failed download and reports only
 * "Cannot fetch <url>". Asking the URL once more tells the user whether the file is missing (404),
 * the host refused, or the network is down. Runs inside the worker.
 */
import type { EngineError } from '../errors';

export async function diagnoseDownload(error: EngineError): Promise<EngineError> {
  if (error.code !== 'download-failed' || !error.url) return error;
  try {
    const response = await fetch(error.url, { method: 'GET', cache: 'no-store' });
    await response.body?.cancel();
    if (response.ok) return error;
    return { ...error, httpStatus: response.status };
  } catch {
    if (!navigator.onLine) return { ...error, code: 'network-offline' };
    return error;
  }
}
