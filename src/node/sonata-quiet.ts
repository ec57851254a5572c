/**
 * h5wasm (emscripten) prints "Aborted(…)" on stderr when libhdf5 aborts on a damaged file,
 * and also throws, which h5read turns into the one line that names the file. The notice
 * would be a second line, so it is dropped; everything else goes through. h5wasm binds
 * console.error when it loads, so this must run before it is imported.
 */
export function quietH5Aborts(): void {
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Aborted(')) return;
    error(...args);
  };
}
