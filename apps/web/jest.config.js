// Unit tests of the web app's own logic (formatting, routing, state), in Node: `*.spec.ts(x)`
// beside the code. The pages themselves are tested in Chromium (test/browser).
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'web',
  rootDir: __dirname,
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    // Styles mean nothing in Node: a stylesheet import is an empty module.
    '\\.css$': '<rootDir>/jest.css-stub.js',
    ...preset.moduleNameMapper,
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
