// Builds the web app once before the browser tests (Vite's build() in its own process, so that Vite's
// ES modules stay out of jest's module system). Without Chromium the tests skip, and so does this.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function buildWebApp() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) return;
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'tools', 'ensure-web-build.js')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
};
