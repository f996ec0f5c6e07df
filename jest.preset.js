// Shared jest settings: SWC transform (with decorator metadata for NestJS), the @mamoru/* paths.
const path = require('path');

const root = __dirname;
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@mamoru/([a-z-]+)$': path.join(root, 'libs/$1/src/index.ts'),
    '^@mamoru/([a-z-]+)/(.*)$': path.join(root, 'libs/$1/src/$2'),
  },
  testMatch: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/'],
  testTimeout: 60_000,
};
