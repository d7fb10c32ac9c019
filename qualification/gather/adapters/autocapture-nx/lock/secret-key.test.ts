import { inspect } from "node:util";
import { expect, test } from "vitest";
import { SecretKey } from "./secret-key.ts";

const BYTES = Buffer.from("00112233445566778899aabbccddeeff", "hex");

test("no accidental way to print the bytes", () => {
  const key = new SecretKey(BYTES);
  const renderings = [
    JSON.stringify({ key }),
    String(key),
    `${key}`,
    inspect(key),
    inspect({ nested: key }, { depth: 5, showHidden: true }),
  ];
  for (const text of renderings) {
    expect(text).not.toContain("00112233");
    expect(text).not.toContain(BYTES.toString("base64"));
    expect(text).toContain("redacted");
  }
  expect(Object.keys(key)).toEqual([]);
});

test("reveal() is the explicit way out, and returns a copy", () => {
  const key = new SecretKey(BYTES);
  const revealed = key.reveal();
  expect(revealed.equals(BYTES)).toBe(true);
  revealed.fill(0);
  expect(key.reveal().equals(BYTES)).toBe(true);
  expect(key.byteLength).toBe(16);
});
