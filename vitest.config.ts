import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // IndexedDB (keys, result cache) in Node: an in-memory implementation.
    setupFiles: ['fake-indexeddb/auto'],
    // The pipeline tests talk to the loopback mock over real HTTP with real timers.
    testTimeout: 15_000,
    restoreMocks: true,
  },
});
