import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@renderer': resolve('src/renderer/src'), '@shared': resolve('src/shared') } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    // A ceiling, not a pace: tests stop on progress, never on timers, and the heaviest (10,000 fuzzed requests, the
    // bounded-read properties, kill -9 mid-purge) take 20 s on a quiet 2-core machine and several times that beside
    // other work. A passing test is not slowed by it; a hung one still fails.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/pg-setup.ts']
  }
})
