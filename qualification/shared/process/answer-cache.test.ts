import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { AnswerCache } from "./answer-cache.ts";

const asRun = (stored: unknown) =>
  stored !== null && typeof stored === "object" && typeof (stored as { run?: unknown }).run === "number"
    ? (stored as { run: number })
    : null;

describe("AnswerCache", () => {
  test("an answer comes back under an equal key (canonical: key order does not matter), and only under it", () => {
    const cache = new AnswerCache(tempDir("answers"));
    cache.put({ target: "t1", command: ["list"] }, { run: 1 });
    expect(cache.get({ command: ["list"], target: "t1" }, asRun)).toEqual({ run: 1 });
    expect(cache.get({ target: "t2", command: ["list"] }, asRun)).toBeNull();
    expect(cache.get({ target: "t1", command: ["load-report"] }, asRun)).toBeNull();
  });

  test("a corrupt or foreign entry is no answer, and a new put replaces it", () => {
    const dir = tempDir("answers");
    const cache = new AnswerCache(dir);
    cache.put("k", { run: 1 });
    const [entry] = readdirSync(dir);
    writeFileSync(join(dir, entry!), "{ not json");
    expect(cache.get("k", asRun)).toBeNull();
    writeFileSync(join(dir, entry!), JSON.stringify({ answer: { run: "one" } }));
    expect(cache.get("k", asRun)).toBeNull();
    cache.put("k", { run: 2 });
    expect(cache.get("k", asRun)).toEqual({ run: 2 });
  });

  test("a cache that cannot be written fails nothing: it just has no answers", () => {
    const dir = tempDir("answers");
    writeFileSync(join(dir, "file"), "");
    const cache = new AnswerCache(join(dir, "file", "below-a-file"));
    expect(() => cache.put("k", { run: 1 })).not.toThrow();
    expect(cache.get("k", asRun)).toBeNull();
  });

  test("a long session keeps at most 64 entries, the newest", () => {
    const dir = tempDir("answers");
    const cache = new AnswerCache(dir);
    for (let i = 0; i < 70; i++) cache.put(i, { run: i });
    expect(readdirSync(dir).length).toBe(64);
    expect(cache.get(69, asRun)).toEqual({ run: 69 });
  });
});
