import {defineConfig} from "vitest/config";

// Browser tests: Debian Chromium via playwright-core against the built dist/ served on 127.0.0.1.
// Run after `npm run build` (npm test does both).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false
  }
});
