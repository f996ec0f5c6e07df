export * from './jobs';
export * from './notices';
