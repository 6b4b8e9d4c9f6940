// How Nook's browser tests and benchmarks launch Chromium here: Debian's build (never a downloaded
// one), no background traffic, and WebGPU on SwiftShader (CPU) so a real adapter exists without a GPU.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const baseChromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const webgpuArgs = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];
