import { inspect } from "node:util";

const REDACTED = "[redacted secret key]";

/**
 * Key material that cannot leak by accident: the bytes live in a private field, so `JSON.stringify`, template
 * strings, `util.inspect`, Vitest diffs and error messages all see only the redaction marker. `reveal()` is the
 * one explicit way out, and it hands back a copy.
 */
export class SecretKey {
  readonly #bytes: Buffer;

  constructor(bytes: Uint8Array) {
    this.#bytes = Buffer.from(bytes);
  }

  get byteLength(): number {
    return this.#bytes.length;
  }

  reveal(): Buffer {
    return Buffer.from(this.#bytes);
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `SecretKey(${this.#bytes.length} bytes) ${REDACTED}`;
  }
}
