/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two builds from one source: `dist/` is what users get; `dist-e2e/` (mode "e2e") additionally
// contains the scripted engine that end-to-end tests drive. The mode is a compile-time constant, so
// the scripted engine's import is removed from the production build, not merely skipped at run time.
export default defineConfig(({ mode }) => ({
  plugins: [react()],
  build: {
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    target: 'es2022',
    sourcemap: mode === 'e2e',
    // WebLLM's runtime is several MB by nature; it loads lazily inside the engine worker.
    chunkSizeWarningLimit: 8000,
  },
  worker: {
    format: 'es',
  },
  server: { port: 5173 },
  preview: { port: mode === 'e2e' ? 4174 : 4173, strictPort: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
}));
