/** The pages of the web app, matched from the address path (history API; no router library). */
export type Route = { name: 'games' } | { name: 'board'; gameId: string } | { name: 'not-found'; path: string };

/** As the server's game ids (`@mamoru/contracts` handshake schema). */
export const GAME_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'games' };
  const board = /^\/board\/([^/]+)$/.exec(path);
  if (board) {
    const gameId = safeDecode(board[1]);
    if (gameId !== null) return { name: 'board', gameId };
  }
  return { name: 'not-found', path: safeDecode(pathname) ?? pathname };
}

export function boardPath(gameId: string): string {
  return `/board/${encodeURIComponent(gameId)}`;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
