import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { pythonUtf8Error } from "./python-utf8.ts";

/** Python's own decoder, for a batch of byte strings at once (hex in, message or null out). */
function pythonSays(samples: Uint8Array[]): Array<string | null> {
  const script =
    "import json,sys\nout=[]\nfor h in json.load(sys.stdin):\n    try:\n        bytes.fromhex(h).decode('utf-8'); out.append(None)\n    except UnicodeDecodeError as e:\n        out.append(str(e))\nprint(json.dumps(out))";
  return JSON.parse(
    execFileSync("python3", ["-c", script], {
      input: JSON.stringify(samples.map((s) => Buffer.from(s).toString("hex"))),
    }).toString(),
  ) as Array<string | null>;
}

describe("pythonUtf8Error: Python's strict UTF-8 decoding, message for message", () => {
  test("the cases a hand-edited manifest meets", () => {
    const cases = [
      [0x7b, 0xff],
      [0xe2, 0x82],
      [0xe2, 0x41],
      [0xe2, 0x82, 0x41],
      [0xed, 0xa0, 0x80],
      [0xc3, 0xa9],
      [0xf4, 0x90, 0x80, 0x80],
    ].map((b) => Uint8Array.from(b));
    expect(cases.map(pythonUtf8Error)).toEqual(pythonSays(cases));
    expect(pythonUtf8Error(Uint8Array.from([0x7b, 0xff]))).toBe(
      "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
    );
  });

  test("property: for any bytes (biased towards multi-byte edges) it says exactly what Python says", () => {
    const edgy = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5),
    );
    fc.assert(
      fc.property(fc.array(fc.array(edgy, { maxLength: 8 }), { minLength: 50, maxLength: 50 }), (samples) => {
        const bytes = samples.map((s) => Uint8Array.from(s));
        expect(bytes.map(pythonUtf8Error)).toEqual(pythonSays(bytes));
      }),
      { seed: 421, numRuns: 20 },
    );
  });
});
