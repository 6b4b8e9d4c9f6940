/** Names the device and browser a benchmark ran on, from what the browser itself reports. */
import type { GpuCapabilities } from '../../models/capabilities';

/** The GPU adapter: vendor and architecture, and the driver's description when it gives one. */
export function describeDevice(gpu: GpuCapabilities | null): string {
  if (gpu?.status !== 'available') return 'no WebGPU adapter';
  const { vendor, architecture, description } = gpu.adapter;
  const name = [vendor, architecture].filter(Boolean).join(' ');
  if (!name) return description || 'unknown GPU';
  return description && description !== name ? `${name} (${description})` : name;
}

interface Brand {
  brand: string;
  version: string;
}

export interface NavigatorInfo {
  userAgent: string;
  /** User-Agent Client Hints (Chromium browsers only). */
  userAgentData?: { brands: readonly Brand[]; platform?: string };
}

/** Browsers add made-up "Not A Brand" entries to the list; they name nothing. */
const GREASE = /not.?a.?brand/i;

const UA_PATTERNS: readonly [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Microsoft Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+(?:\.\d+)?).*Safari\//, 'Safari'],
];

function fromUserAgent(userAgent: string): string {
  for (const [pattern, name] of UA_PATTERNS) {
    const version = pattern.exec(userAgent)?.[1];
    if (version) return `${name} ${version}`;
  }
  return userAgent.slice(0, 80) || 'unknown browser';
}

/** "Google Chrome 140 on Windows", from client hints where the browser has them, else the UA. */
export function describeBrowser(nav: NavigatorInfo): string {
  const brands = (nav.userAgentData?.brands ?? []).filter((b) => !GREASE.test(b.brand));
  // Chromium is listed beside the browser built on it (Chrome, Edge…); name that browser.
  const brand = brands.find((b) => b.brand !== 'Chromium') ?? brands[0];
  const name = brand ? `${brand.brand} ${brand.version}` : fromUserAgent(nav.userAgent);
  const platform = nav.userAgentData?.platform;
  return platform ? `${name} on ${platform}` : name;
}

export function currentBrowser(): string {
  return describeBrowser(navigator as Navigator & NavigatorInfo);
}
