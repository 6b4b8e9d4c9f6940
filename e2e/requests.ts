import type { BrowserContext } from '@playwright/test';

// The model hosts Nook may download from (WebLLM's prebuilt models and the CDNs they redirect to).
export const MODEL_HOSTS =
  /^https:\/\/((.+\.)?huggingface\.co|(.+\.)?hf\.co|raw\.githubusercontent\.com)\//;

/** Every request the pages, their workers and the service worker make, in order. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Requests that went anywhere but Nook's own origin or the model hosts. */
export function strayRequests(urls: string[], appOrigin: string): string[] {
  return urls.filter(
    (url) =>
      !url.startsWith(`${appOrigin}/`) &&
      !MODEL_HOSTS.test(url) &&
      !url.startsWith('data:') &&
      !url.startsWith('blob:'),
  );
}
