import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'test-results*/**', 'playwright-report*/**', 'bench/results/**', 'next-env.d.ts', 'public/vitals.js' /* built by scripts/build-vitals.mjs */] },
];

export default config;
