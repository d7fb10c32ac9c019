const CR = 0x0d;
const LF = 0x0a;

/**
 * The platform's text normalisation (`\r\n` → `\n`, then lone `\r` → `\n`) as a streaming transform.
 *
 * Equivalent rule used here: every CR becomes LF, and an LF directly after a CR is dropped. That needs one bit
 * of state across chunks (did the previous chunk end with CR?) and never holds bytes back, so a CR on a chunk
 * boundary gives the same bytes as whole-file normalisation, which is what the platform's 8 KiB reader
 * guarantees too.
 *
 * Chunks without CR are returned as they are (no copy); `indexOf` finds CRs natively, so the JS loop runs once
 * per line ending, never once per byte. A returned buffer may alias the input: consume it before reusing the
 * input buffer.
 */
export class NewlineNormalizer {
  private previousWasCr = false;

  push(chunk: Uint8Array): Buffer {
    const input = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // An empty read must not consume the pending CR, or a following LF would survive.
    if (input.length === 0) return input;
    let start = 0;
    if (this.previousWasCr) {
      this.previousWasCr = false;
      if (input[0] === LF) start = 1;
    }
    let cr = input.indexOf(CR, start);
    if (cr < 0) return start === 0 ? input : input.subarray(start);
    const out = Buffer.allocUnsafe(input.length - start);
    let written = 0;
    while (cr >= 0) {
      written += input.copy(out, written, start, cr);
      out[written++] = LF;
      start = cr + 1;
      if (start === input.length) this.previousWasCr = true;
      else if (input[start] === LF) start += 1;
      cr = input.indexOf(CR, start);
    }
    written += input.copy(out, written, start);
    return out.subarray(0, written);
  }
}

/** Whole-buffer normalisation; returns the input itself when it holds no CR. */
export function normalizeNewlines(bytes: Uint8Array): Buffer {
  return new NewlineNormalizer().push(bytes);
}
