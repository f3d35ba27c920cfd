/** The library API of wrn-calc: the pure core, re-exported. */
export * from './core/index.js';
