// Data modules made at build time by scripts/web/data-plugin.mjs.
declare module 'virtual:refract/celegans' {
  const doc: unknown;
  export default doc;
}
declare module 'virtual:refract/swc' {
  const files: { name: string; text: string }[];
  export default files;
}
declare module 'virtual:refract/mnist' {
  /** Rows [0, train) are streamed (learned); rows [train, n) are test digits only. */
  const data: { n: number; d: number; train: number; labels: number[]; pixels: string };
  export default data;
}
