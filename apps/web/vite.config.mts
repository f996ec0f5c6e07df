import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npm run build:web` builds the web app into apps/web/dist, which the game server serves
// (libs/server/src/web). `npm run dev:web` serves it with hot reload on :5173 and passes the API,
// Socket.IO and /health through to a game server (MAMORU_SERVER_URL, default
// http://127.0.0.1:3000, where `npm start` runs one).
const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));
const server = process.env.MAMORU_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@mamoru/domain': `${workspace}libs/domain/src/index.ts`,
      '@mamoru/contracts': `${workspace}libs/contracts/src/index.ts`,
    },
  },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': server,
      '/health': server,
      '/socket.io': { target: server, ws: true },
    },
  },
  preview: { port: 4173 },
});
