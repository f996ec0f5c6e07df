// `npm test` runs every project's unit, integration and e2e tests in one jest run.
module.exports = {
  // Per-project presets do not carry this global option; whole games and PGlite need more than 5 s.
  testTimeout: 60_000,
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/engine',
    '<rootDir>/libs/event-store',
    '<rootDir>/libs/sandbox',
    '<rootDir>/libs/testing',
    '<rootDir>/libs/server',
    '<rootDir>/apps/scoring-worker',
    '<rootDir>/apps/game-server',
    '<rootDir>/apps/sandbox-shop',
    '<rootDir>/apps/cli',
    '<rootDir>/apps/web',
    '<rootDir>/test',
    '<rootDir>/test/browser',
  ],
};
