/** The control room's start `/control`: sign in, the games, create a game (being built). */
export function ControlPage() {
  return <main className="app-page" data-testid="control-page" />;
}

/** The control room of one game `/control/:gameId` (being built). */
export function ControlGamePage({ gameId }: { gameId: string }) {
  return <main className="app-page" data-testid="control-room" data-game-id={gameId} />;
}
