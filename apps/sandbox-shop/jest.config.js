module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sandbox-shop',
  rootDir: __dirname,
};
