import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../../setup/testing/example-copy.ts";
import { testPublicKeyText, testSigner, writeSampleBundle } from "../testing/sample-bundle.ts";
import { verifyBundle } from "./verify-bundle.ts";

/**
 * The tamper property: flipping any bits of any single byte of any file of a bundle makes verify fail. The
 * envelope and statement are covered by canonical-bytes and payload checks, every other file by its digest.
 */
describe.each([
  { label: "signed", signer: testSigner(), options: { publicKeyText: testPublicKeyText(), allowUnsigned: false } },
  { label: "unsigned, --allow-unsigned", signer: null, options: { publicKeyText: null, allowUnsigned: true } },
])("any single flipped byte is rejected ($label)", ({ signer, options }) => {
  test("fast-check: file × offset × bit mask", () => {
    const original = tempDir("tamper-original");
    writeSampleBundle(original, { signer });
    const verifyOptions = { ...options, target: null, commit: null, cwd: "/" };
    expect(verifyBundle(original, verifyOptions).ok).toBe(true);
    const files = readdirSync(original).sort();
    const sizes = new Map(files.map((name) => [name, readFileSync(join(original, name)).length]));
    const scratch = tempDir("tamper");
    let run = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...files).chain((name) =>
          fc.record({
            name: fc.constant(name),
            offset: fc.nat({ max: sizes.get(name)! - 1 }),
            mask: fc.integer({ min: 1, max: 255 }),
          }),
        ),
        ({ name, offset, mask }) => {
          const dir = join(scratch, String(run++));
          cpSync(original, dir, { recursive: true });
          const bytes = readFileSync(join(dir, name));
          bytes[offset] = bytes[offset]! ^ mask;
          writeFileSync(join(dir, name), bytes);
          const report = verifyBundle(dir, verifyOptions);
          return !report.ok && report.steps.some((s) => s.status === "fail");
        },
      ),
      { numRuns: 300 },
    );
  });
});
