module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'scoring-worker',
  rootDir: __dirname,
};
