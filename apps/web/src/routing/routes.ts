/** The pages of the web app, matched from the address path (history API; no router library). */
export type Route =
  | { name: 'games' }
  | { name: 'board'; gameId: string }
  | { name: 'team' }
  | { name: 'control' }
  | { name: 'control-game'; gameId: string }
  | { name: 'not-found'; path: string };

/** As the server's game ids (`@mamoru/contracts` handshake schema). */
export const GAME_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'games' };
  if (path === '/team') return { name: 'team' };
  if (path === '/control') return { name: 'control' };
  const withGame = /^\/(board|control)\/([^/]+)$/.exec(path);
  if (withGame) {
    const gameId = safeDecode(withGame[2]);
    if (gameId !== null) return withGame[1] === 'board' ? { name: 'board', gameId } : { name: 'control-game', gameId };
  }
  return { name: 'not-found', path: safeDecode(pathname) ?? pathname };
}

export function boardPath(gameId: string): string {
  return `/board/${encodeURIComponent(gameId)}`;
}

export function controlGamePath(gameId: string): string {
  return `/control/${encodeURIComponent(gameId)}`;
}

export const TEAM_PATH = '/team';
export const CONTROL_PATH = '/control';

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
