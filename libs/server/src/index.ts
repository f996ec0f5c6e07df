export * from './bootstrap';
export * from './live-server';
export * from './config/server-config';
export * from './games/game-registry';
export * from './games/game-server-options';
export * from './games/live-game';
export * from './auth/auth.service';
export * from './auth/accounts.service';
