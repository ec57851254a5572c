/**
 * Sizes a canvas's drawing buffer to its CSS box times `dpr` (by default the device pixel
 * ratio, at most 2). Assigning a canvas's size clears and reallocates it even when the value
 * is the same, so it is only assigned when it changed; returns whether it did.
 */
export function fitCanvas(canvas: HTMLCanvasElement, dpr = Math.min(window.devicePixelRatio || 1, 2)): boolean {
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr)), h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width === w && canvas.height === h) return false;
  canvas.width = w;
  canvas.height = h;
  return true;
}
