// The measurements `npm run bench` runs in Node through Vitest (TypeScript of src/, as built).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.measure.ts'],
    environment: 'node',
  },
});
