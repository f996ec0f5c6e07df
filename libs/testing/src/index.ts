export * from './mamoru-cli';
export * from './services';
export * from './processes';
export * from './browser';
export * from './serve';
