declare const __RPCSTATE_VERSION__: string | undefined;

/** Injected by the bundler from package.json; tests running the sources see the fallback. */
export const VERSION: string = typeof __RPCSTATE_VERSION__ === 'string' ? __RPCSTATE_VERSION__ : '0.0.0-dev';
