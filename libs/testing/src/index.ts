export * from './mamoru-cli';
export * from './services';
