import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const testsDir = fileURLToPath(new URL('../tests/frontend', import.meta.url));

/** Component tests live in tests/frontend (mirroring src) and run in jsdom. */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { fs: { allow: ['..'] } },
  test: {
    dir: testsDir,
    include: ['**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: [`${testsDir}/setup.ts`],
    restoreMocks: true,
    // MUI + jsdom on a 2-core CI machine: a form test typing into many fields takes seconds.
    testTimeout: 45_000,
  },
});
