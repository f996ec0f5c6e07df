export * from './jobs';
export * from './notices';
export * from './live';
export * from './api';
export * from './answers';
