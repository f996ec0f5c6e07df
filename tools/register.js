// Runs the TypeScript sources directly (SWC, with decorator metadata and the tsconfig paths), so
// `mamoru` needs no build step. Used by bin/mamoru, the shop processes and the scoring worker.
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
