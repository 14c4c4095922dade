import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "standin/**/*.test.ts", "test/**/*.test.ts"],
    // Fails a file whose stand-in sent a reply that breaks GitHub's OpenAPI description.
    setupFiles: ["test/setup/standin-spec-audit.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the pool small so integration tests with servers do not starve each other.
    maxWorkers: 2,
  },
});
