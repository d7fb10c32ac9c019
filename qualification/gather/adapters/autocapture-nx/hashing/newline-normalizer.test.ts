import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { NewlineNormalizer, normalizeNewlines } from "./newline-normalizer.ts";

/** The platform's definition, spelled the way Python spells it: two replace passes over the whole file. */
const reference = (bytes: Uint8Array): string =>
  Buffer.from(bytes).toString("latin1").replaceAll("\r\n", "\n").replaceAll("\r", "\n");

function streamed(bytes: Uint8Array, cuts: readonly number[]): string {
  const normalizer = new NewlineNormalizer();
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let previous = 0;
  for (const point of [...points, bytes.length]) {
    parts.push(Buffer.from(normalizer.push(bytes.subarray(previous, point))));
    previous = point;
  }
  return Buffer.concat(parts).toString("latin1");
}

const crlfHeavy = fc
  .uint8Array({ maxLength: 64 })
  .map((raw) => Uint8Array.from(raw, (b) => [0x0d, 0x0a, 0x61, b][b % 4]!));

describe("normalizeNewlines", () => {
  test.each([
    ["x\r\ny", "x\ny"],
    ["a\rb", "a\nb"],
    ["\r\r\n", "\n\n"],
    ["\r\n\n", "\n\n"],
    ["\n\r", "\n\n"],
    ["\r", "\n"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeNewlines(Buffer.from(input, "latin1")).toString("latin1")).toBe(expected);
  });

  test("returns the very same buffer when there is no CR, so clean files are never copied", () => {
    const clean = Buffer.from("no carriage returns\n");
    expect(normalizeNewlines(clean)).toBe(clean);
  });

  test("a CR that ends one chunk and an LF that starts the next make a single LF", () => {
    const normalizer = new NewlineNormalizer();
    const out = Buffer.concat([normalizer.push(Buffer.from("x\r")), normalizer.push(Buffer.from("\ny"))]);
    expect(out.toString()).toBe("x\ny");
  });

  test("an empty chunk between CR and LF does not break the pair", () => {
    const normalizer = new NewlineNormalizer();
    const parts = ["a\r", "", "\nb"].map((part) => normalizer.push(Buffer.from(part)));
    expect(Buffer.concat(parts).toString()).toBe("a\nb");
  });

  test("property: whole-buffer normalisation equals the two-pass Python definition", () => {
    fc.assert(
      fc.property(fc.oneof(crlfHeavy, fc.uint8Array({ maxLength: 256 })), (bytes) => {
        expect(normalizeNewlines(bytes).toString("latin1")).toBe(reference(bytes));
      }),
    );
  });

  test("property: any chunking gives the same bytes as whole-buffer normalisation", () => {
    fc.assert(
      fc.property(crlfHeavy, fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        expect(streamed(bytes, cuts)).toBe(reference(bytes));
      }),
    );
  });
});
