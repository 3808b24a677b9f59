import {defineConfig} from "vitest/config";

export default defineConfig({
  resolve: {
    // Pages import shared modules as "npm:d3"; in Node the same module is the installed package.
    alias: [{find: /^npm:(.*)$/, replacement: "$1"}]
  },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["dist/**", "src/.observablehq/**", "node_modules/**", "test/browser/**"],
    setupFiles: ["test/setup/fast-check.ts"],
    // generous: property tests and the own-region build share 2 cores with the rest of the suite
    testTimeout: 240_000
  }
});
