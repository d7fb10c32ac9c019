import { mkdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { optionsFor, tempDir } from "../../../../setup/testing/example-copy.ts";
import { AnswerCache } from "../../../shared/process/answer-cache.ts";
import { resolveInterpreter } from "../../../shared/process/resolve-interpreter.ts";
import { platformAnswers, type ReusableCommand } from "./platform-answer-reuse.ts";

/** A fresh watch-mode session's answers on `root`, over a private cache dir. */
async function session(root: string, cacheDir: string) {
  const python = await resolveInterpreter("python3");
  return platformAnswers(
    optionsFor(root, { QUALIFY_WATCH: "1" }),
    { root, python: "python3", pythonExecutable: python, env: {}, placeholders: [] },
    new AnswerCache(cacheDir),
  );
}

const command = (run: number, during: () => void = () => {}, keep = true): ReusableCommand<{ run: number }> => ({
  command: ["plugins", "list"],
  label: "plugins list",
  compute: async () => {
    during();
    return { run };
  },
  keep: () => keep,
  parse: (stored) =>
    stored !== null && typeof stored === "object" && typeof (stored as { run?: unknown }).run === "number"
      ? (stored as { run: number })
      : null,
});

describe("platformAnswers", () => {
  test("an answer is kept only when the session ends with the target as it began: one edited mid-run is asked again", async () => {
    const root = tempDir("target");
    const cache = tempDir("answers");
    writeFileSync(join(root, "plugin.py"), "v1");

    const editedMidRun = await session(root, cache);
    expect(await editedMidRun.ask(command(1, () => writeFileSync(join(root, "plugin.py"), "v2")))).toEqual({ run: 1 });
    editedMidRun.keepAnswers();

    const clean = await session(root, cache);
    expect(await clean.ask(command(2))).toEqual({ run: 2 });
    clean.keepAnswers();

    const next = await session(root, cache);
    expect(next.reused()).toEqual([]);
    expect(await next.ask(command(3))).toEqual({ run: 2 });
    expect(next.reused()).toEqual(["plugins list"]);
  });

  test("an answer its command does not keep (a timeout, a crash) is asked again", async () => {
    const root = tempDir("target");
    const cache = tempDir("answers");
    const first = await session(root, cache);
    await first.ask(command(1, () => {}, false));
    first.keepAnswers();
    expect(await (await session(root, cache)).ask(command(2))).toEqual({ run: 2 });
  });

  test("a target too large to read on every re-run is asked every time", async () => {
    const root = tempDir("target");
    const cache = tempDir("answers");
    // Sparse: it has the size without using the disk (and is never read, being sized first).
    writeFileSync(join(root, "big.bin"), "");
    truncateSync(join(root, "big.bin"), 512 * 1024 ** 2 + 1);
    const first = await session(root, cache);
    await first.ask(command(1));
    first.keepAnswers();
    expect(await (await session(root, cache)).ask(command(2))).toEqual({ run: 2 });
  });

  test("a target removed before the session ends keeps nothing and fails nothing", async () => {
    const base = tempDir("target");
    const root = join(base, "gone");
    mkdirSync(root);
    const answers = await session(root, tempDir("answers"));
    await answers.ask(command(1));
    rmSync(root, { recursive: true });
    expect(() => answers.keepAnswers()).not.toThrow();
  });
});
