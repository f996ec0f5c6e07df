module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'game-server',
  rootDir: __dirname,
};
