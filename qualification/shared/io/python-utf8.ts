/**
 * The first invalid UTF-8 sequence of `bytes`, in the words of Python's decoder (which the platform's
 * `open(path, encoding="utf-8")` uses, refusing the whole file), or null when the bytes are valid UTF-8:
 * `'utf-8' codec can't decode byte 0xff in position 7: invalid start byte`. JavaScript's own decoding would
 * replace the bytes with U+FFFD and read on, accepting a file the platform rejects.
 */
export function pythonUtf8Error(bytes: Uint8Array): string | null {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const [length, low, high] = sequenceOf(b);
    if (length === 0) return message(bytes, i, i + 1, "invalid start byte");
    // The second byte has a range of its own (no overlongs, no surrogates, nothing past U+10FFFF); the rest 80–BF.
    for (let k = 1; k < length; k++) {
      if (i + k >= n) return message(bytes, i, n, "unexpected end of data");
      const c = bytes[i + k]!;
      const ok = k === 1 ? c >= low && c <= high : c >= 0x80 && c <= 0xbf;
      if (!ok) return message(bytes, i, i + k, "invalid continuation byte");
    }
    i += length;
  }
  return null;
}

/** [length, lowest second byte, highest second byte]; length 0: not a start byte. */
function sequenceOf(b: number): [number, number, number] {
  if (b >= 0xc2 && b <= 0xdf) return [2, 0x80, 0xbf];
  if (b === 0xe0) return [3, 0xa0, 0xbf];
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return [3, 0x80, 0xbf];
  if (b === 0xed) return [3, 0x80, 0x9f];
  if (b === 0xf0) return [4, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [4, 0x80, 0xbf];
  if (b === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

function message(bytes: Uint8Array, start: number, end: number, reason: string): string {
  if (end - start === 1)
    return `'utf-8' codec can't decode byte 0x${bytes[start]!.toString(16).padStart(2, "0")} in position ${start}: ${reason}`;
  return `'utf-8' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`;
}
