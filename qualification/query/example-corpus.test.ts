import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { EXAMPLE_PLATFORM, tempDir } from "../../setup/testing/example-copy.ts";
import { runCommand } from "../shared/process/run-command.ts";

/** The example corpus is built by a committed script from committed records: byte for byte reproducible. */
const BUILD = join(EXAMPLE_PLATFORM, "tools/build_corpus.py");
const RECORDS = join(EXAMPLE_PLATFORM, "corpus/records.jsonl");
const COMMITTED = join(EXAMPLE_PLATFORM, "corpus/metadata.db");

const build = (args: string[]) =>
  runCommand({
    file: "python3",
    args: ["-B", BUILD, ...args],
    cwd: EXAMPLE_PLATFORM,
    env: { PYTHONDONTWRITEBYTECODE: "1" },
    timeoutMs: 60_000,
  });

describe("tools/build_corpus.py", () => {
  test("two builds are byte-identical and equal the committed metadata.db, whatever the record order", async () => {
    const dir = tempDir("corpus-build");
    const shuffled = join(dir, "shuffled.jsonl");
    writeFileSync(shuffled, `${readFileSync(RECORDS, "utf8").trim().split("\n").reverse().join("\n")}\n`);
    for (const [records, out] of [
      [RECORDS, "a.db"],
      [RECORDS, "b.db"],
      [shuffled, "c.db"],
    ] as const) {
      const run = await build(["--records", records, "--out", join(dir, out)]);
      expect(run.exitCode, run.stderr).toBe(0);
    }
    const committed = readFileSync(COMMITTED);
    for (const name of ["a.db", "b.db", "c.db"])
      expect(readFileSync(join(dir, name)).equals(committed), name).toBe(true);
  });

  test("--check passes on the committed DB and fails on a changed one, which it leaves alone", async () => {
    // Checked on a copy: --check builds its scratch file beside --out, and the committed tree is never touched.
    const dir = tempDir("corpus-check");
    const copy = join(dir, "copy.db");
    writeFileSync(copy, readFileSync(COMMITTED));
    expect((await build(["--check", "--out", copy])).exitCode).toBe(0);
    const changed = join(dir, "metadata.db");
    const bytes = readFileSync(COMMITTED);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(changed, bytes);
    const run = await build(["--check", "--out", changed]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("DIFFERS from a fresh build");
    expect(readFileSync(changed).equals(bytes)).toBe(true);
  });

  test("bad records are all reported, with line numbers, and nothing is written", async () => {
    const dir = tempDir("corpus-bad");
    const records = join(dir, "records.jsonl");
    const first = readFileSync(RECORDS, "utf8").split("\n")[0]!;
    writeFileSync(
      records,
      [
        first,
        first,
        JSON.stringify({ id: "x/y/1", record_type: "y", run_id: "z", text: "t", ts_utc: "2026-01-01", extra: 1 }),
      ].join("\n"),
    );
    const run = await build(["--records", records, "--out", join(dir, "out.db")]);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/line 2: duplicate id[\s\S]*line 3: unknown keys \['extra'\]/);
    expect(() => readFileSync(join(dir, "out.db"))).toThrow();
  });
});
