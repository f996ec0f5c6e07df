/** Socket.IO rooms: one per game on /audience and /control, one per team on /team. */
export const audienceRoom = (gameId: string) => `game:${gameId}`;
export const controlRoom = (gameId: string) => `game:${gameId}`;
export const teamRoom = (gameId: string, teamId: string) => `game:${gameId}:team:${teamId}`;
