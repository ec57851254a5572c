export * from './stats.js';
export * from './refraction.js';
