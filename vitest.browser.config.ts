import {defineConfig} from "vitest/config";

// Browser tests: Debian Chromium via playwright-core against the built dist/ served on 127.0.0.1.
// Run after `npm run build` (npm test does both). roads-region.test.ts builds its own site (test/output/roads-site/)
// from a temporary copy of the tree (scripts/build-isolated.ts), so dist/ and the build cache stay as the other files
// expect; files run one at a time (fileParallelism: false).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false
  }
});
