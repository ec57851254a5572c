/** A canvas to draw a digit on with the mouse, pen or finger; onDone gets the ink when a stroke ends. */
import { useEffect, useImperativeHandle, useRef } from 'preact/hooks';
import type { Ref } from 'preact';

export interface DrawPadHandle {
  clear(): void;
  /** Draws a 28 × 28 image (e.g. an MNIST example) onto the pad. */
  show(x: Float32Array): void;
}

const SIZE = 280;

export function DrawPad(props: { onDone: (ink: Float32Array, w: number, h: number) => void; handle: Ref<DrawPadHandle> }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<[number, number] | null>(null);
  const ctx = () => ref.current!.getContext('2d', { willReadFrequently: true })!;

  const clear = () => {
    const c = ctx();
    c.fillStyle = '#000';
    c.fillRect(0, 0, SIZE, SIZE);
  };
  useEffect(clear, []);
  useImperativeHandle(props.handle, () => ({
    clear,
    show(x: Float32Array) {
      const c = ctx();
      const img = c.createImageData(SIZE, SIZE);
      const k = SIZE / 28;
      for (let y = 0; y < SIZE; y++)
        for (let xx = 0; xx < SIZE; xx++) {
          const o = 4 * (y * SIZE + xx);
          img.data[o] = img.data[o + 1] = img.data[o + 2] = Math.round(255 * x[Math.floor(y / k) * 28 + Math.floor(xx / k)]);
          img.data[o + 3] = 255;
        }
      c.putImageData(img, 0, 0);
    },
  }));

  const at = (e: PointerEvent): [number, number] => {
    const r = ref.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * SIZE, ((e.clientY - r.top) / r.height) * SIZE];
  };
  const line = (a: [number, number], b: [number, number]) => {
    const c = ctx();
    c.strokeStyle = '#fff';
    c.lineWidth = 22;
    c.lineCap = 'round';
    c.beginPath();
    c.moveTo(a[0], a[1]);
    c.lineTo(b[0], b[1]);
    c.stroke();
  };
  const finish = () => {
    if (!last.current) return;
    last.current = null;
    const d = ctx().getImageData(0, 0, SIZE, SIZE).data;
    const ink = new Float32Array(SIZE * SIZE);
    for (let k = 0; k < ink.length; k++) ink[k] = d[4 * k] / 255;
    props.onDone(ink, SIZE, SIZE);
  };

  return (
    <canvas
      ref={ref}
      id="draw-pad"
      class="draw-pad"
      width={SIZE}
      height={SIZE}
      role="img"
      aria-label="Drawing pad: draw a digit with the mouse"
      onPointerDown={(e) => {
        ref.current!.setPointerCapture(e.pointerId);
        last.current = at(e);
        line(last.current, last.current);
      }}
      onPointerMove={(e) => {
        if (!last.current) return;
        const p = at(e);
        line(last.current, p);
        last.current = p;
      }}
      onPointerUp={finish}
      onPointerCancel={finish}
    />
  );
}
