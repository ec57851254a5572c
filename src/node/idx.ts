/** IDX files, gzip-compressed or not (the codec is formats/idx.ts). */
import { gunzipSync } from 'node:zlib';
import { InputError } from '../formats/errors.js';
import { MAX_IDX_BYTES, MAX_IDX_HEADER, idxFromBytes, isGzip, type Idx } from '../formats/idx.js';
import { readBytes } from './files.js';

/** Decodes the bytes of an IDX file, decompressing gzip first (only up to the IDX size limit, so a small "gzip bomb" cannot take gigabytes). */
export function idxFromFileBytes(input: Uint8Array, file?: string): Idx {
  let bytes = input;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_IDX_BYTES + MAX_IDX_HEADER });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new InputError(`decompresses to more than ${MAX_IDX_BYTES + MAX_IDX_HEADER} bytes; IDX values are limited to ${MAX_IDX_BYTES} bytes (256 MiB)`, { file });
      throw new InputError(`corrupt gzip data (${e instanceof Error ? e.message.replace(/\s+/g, ' ') : String(e)})`, { file });
    }
  }
  return idxFromBytes(bytes, file);
}

/** Reads an IDX file (gzip-compressed or not); problems are one-line InputErrors naming the file. */
export function readIdx(path: string): Idx {
  return idxFromFileBytes(readBytes(path), path);
}
