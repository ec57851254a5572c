/** Reading files the user drops on a view or picks with a file input, as text. */
import { useEffect } from 'preact/hooks';
import type { RefObject } from 'preact';

export interface TextFile {
  name: string;
  text: string;
}

/** Files larger than this are refused with a message instead of freezing the tab. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export async function readFiles(list: FileList | readonly File[] | null): Promise<TextFile[]> {
  const files = list ? Array.from(list) : [];
  for (const f of files) if (f.size > MAX_FILE_BYTES) throw new Error(`${f.name}: file too large (${(f.size / 1e6).toFixed(0)} MB; the browser view reads up to ${MAX_FILE_BYTES / 1e6} MB)`);
  return Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
}

/** Calls onFiles with the files dropped on the element; `dragging` toggles a CSS class while a drag is over it. */
export function useFileDrop(ref: RefObject<HTMLElement | null>, onFiles: (files: FileList) => void): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const over = (e: DragEvent) => {
      e.preventDefault();
      el.classList.add('dragging');
    };
    const leave = () => el.classList.remove('dragging');
    const drop = (e: DragEvent) => {
      e.preventDefault();
      el.classList.remove('dragging');
      if (e.dataTransfer?.files.length) onFiles(e.dataTransfer.files);
    };
    el.addEventListener('dragover', over);
    el.addEventListener('dragleave', leave);
    el.addEventListener('drop', drop);
    return () => {
      el.removeEventListener('dragover', over);
      el.removeEventListener('dragleave', leave);
      el.removeEventListener('drop', drop);
    };
  }, [ref, onFiles]);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
