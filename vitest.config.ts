import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // The pipeline tests talk to the loopback mock over real HTTP with real timers.
    testTimeout: 15_000,
    restoreMocks: true,
  },
});
