/** File names in messages and metadata, without node:path (POSIX and Windows separators). */

/** `dir/net.json` → `net.json`; with `ext` (`.json`) removed from the end when present. */
export function baseName(path: string, ext?: string): string {
  const k = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(k + 1);
  return ext && name.endsWith(ext) && name !== ext ? name.slice(0, -ext.length) : name;
}

/** `dir/net.json` → `.json` (`''` without one; a leading dot does not start an extension). */
export function extName(path: string): string {
  const name = baseName(path);
  const k = name.lastIndexOf('.');
  return k <= 0 ? '' : name.slice(k);
}
