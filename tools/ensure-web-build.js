// Builds the web app (apps/web -> apps/web/dist) when its bundle is missing or older than any of
// its sources, with Vite's programmatic build(). `npm start` runs it before `mamoru serve`, and the
// browser tests' globalSetup runs it before the tests. `--force` (or MAMORU_WEB_REBUILD=1) always
// builds; `--check` only says whether a build is needed (exit 1 when it is).
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const WEB = join(ROOT, 'apps', 'web');
const DIST = join(WEB, 'dist');
const CONFIG = join(WEB, 'vite.config.mts');
/** Written after each build here: which React the bundle carries (a build under jest's NODE_ENV=test would be React's development build). */
const BUILD_INFO = join(DIST, 'build-info.json');

/** What the bundle is made of: the app, its config and page, the libs it imports, the installed packages. */
const SOURCES = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  CONFIG,
  join(ROOT, 'libs', 'domain', 'src'),
  join(ROOT, 'libs', 'contracts', 'src'),
  join(ROOT, 'package-lock.json'),
];

/** The newest modification time under the paths (files and folders, recursively). */
function newestMtime(paths) {
  let newest = { ms: 0, path: '' };
  const visit = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.mtimeMs > newest.ms) newest = { ms: info.mtimeMs, path };
    if (info.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'dist') visit(join(path, name));
    }
  };
  paths.forEach(visit);
  return newest;
}

function readBuildInfo() {
  try {
    return JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  } catch {
    return null;
  }
}

/** Why the bundle needs building, or null when it is up to date. */
function staleReason() {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return 'apps/web/dist is not built';
  if (readBuildInfo()?.nodeEnv !== 'production') return 'apps/web/dist is not a production build';
  const built = statSync(index).mtimeMs;
  const newest = newestMtime(SOURCES);
  if (newest.ms > built) return `${relative(ROOT, newest.path)} changed since the last build`;
  return null;
}

/**
 * Builds the bundle if it is stale (or always with force). Resolves to whether it built.
 * log: where the one-line progress goes (console.log by default; null for none).
 */
async function ensureWebBuild({ force = process.env.MAMORU_WEB_REBUILD === '1', log = console.log } = {}) {
  const reason = force ? 'a fresh build was asked for' : staleReason();
  if (!reason) {
    log?.('web app: apps/web/dist is up to date');
    return false;
  }
  log?.(`web app: building apps/web/dist (${reason})...`);
  const started = Date.now();
  // Vite takes NODE_ENV from the environment before `mode`: under jest (NODE_ENV=test) the bundle
  // would carry React's development build, several times larger and slower to paint.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: CONFIG, logLevel: 'warn', mode: 'production' });
  writeFileSync(BUILD_INFO, `${JSON.stringify({ nodeEnv: 'production', builtAt: new Date().toISOString() })}\n`);
  log?.(`web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

module.exports = { ensureWebBuild, staleReason, WEB_DIST: DIST };

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--check')) {
    const reason = staleReason();
    console.log(reason ? `web app: needs a build (${reason})` : 'web app: apps/web/dist is up to date');
    process.exit(reason ? 1 : 0);
  }
  ensureWebBuild({ force: args.includes('--force') || undefined }).catch((error) => {
    console.error(`web app: the build failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error('Fix the error above, or run `npm run build:web` to see it in full.');
    process.exit(1);
  });
}
