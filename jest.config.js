// `npm test` runs every project's unit, integration and e2e tests in one jest run.
module.exports = {
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/engine',
    '<rootDir>/libs/event-store',
    '<rootDir>/libs/sandbox',
    '<rootDir>/libs/testing',
    '<rootDir>/apps/scoring-worker',
    '<rootDir>/apps/sandbox-shop',
    '<rootDir>/apps/cli',
    '<rootDir>/test',
  ],
};
