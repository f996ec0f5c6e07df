// The web app in Debian's Chromium against a real game server (`*.browser-spec.ts`). globalSetup
// builds apps/web/dist first when it is missing or older than its sources.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/global-setup.js',
};
