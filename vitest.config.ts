import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname, '.') } },
  test: {
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'i18n/**/*.test.ts', 'components/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The environment the tests assume, whatever the shell exports (scripts/test-env.mjs).
    setupFiles: ['./vitest.setup.ts'],
  },
});
