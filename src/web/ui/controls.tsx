/** Small accessible form controls shared by the views: every input has a visible label. */
import type { ComponentChildren } from 'preact';

export function Slider(props: {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  display: string;
  onInput: (v: number) => void;
  onCommit?: (v: number) => void;
}) {
  return (
    <div class="control">
      <label for={props.id}>
        {props.label} <output for={props.id}>{props.display}</output>
      </label>
      <input
        id={props.id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onInput={(e) => props.onInput(Number(e.currentTarget.value))}
        onChange={(e) => props.onCommit?.(Number(e.currentTarget.value))}
      />
    </div>
  );
}

export function ErrorBox(props: { message: string | null; onDismiss: () => void }) {
  if (!props.message) return null;
  return (
    <div class="error" role="alert">
      <span>{props.message}</span>
      <button type="button" onClick={props.onDismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}

export function Panel(props: { title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.children}
    </section>
  );
}
