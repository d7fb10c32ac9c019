import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { pythonFingerprint } from "./python-fingerprint.ts";
import { resolveInterpreter } from "./resolve-interpreter.ts";

test("a package installed into a directory on sys.path changes the fingerprint; nothing else does", async () => {
  const python = await resolveInterpreter("python3");
  const site = tempDir("site");
  const env = { PYTHONPATH: site };
  const before = await pythonFingerprint(python, site, env, {}, 10_000);
  expect(before?.sys_path.map(([entry]) => entry)).toContain(site);
  expect(await pythonFingerprint(python, site, env, {}, 10_000)).toEqual(before);
  await new Promise((resolve) => setTimeout(resolve, 20));
  mkdirSync(join(site, "newly_installed"));
  const after = await pythonFingerprint(python, site, env, {}, 10_000);
  expect(after).not.toEqual(before);
  expect(after?.executable).toBe(python);
});

test("the inherited environment it is given is part of the fingerprint", async () => {
  const python = await resolveInterpreter("python3");
  const site = tempDir("site");
  const plain = await pythonFingerprint(python, site, {}, { LANG: "C.UTF-8" }, 10_000);
  const other = await pythonFingerprint(python, site, {}, { LANG: "C.UTF-8", VIRTUAL_ENV: "/venv" }, 10_000);
  expect(plain?.env).toEqual({ LANG: "C.UTF-8" });
  expect(other).not.toEqual(plain);
});

test("an interpreter that cannot answer gives no fingerprint (so nothing it said may be reused)", async () => {
  expect(await pythonFingerprint(join(tempDir("none"), "python3"), process.cwd(), {}, {}, 10_000)).toBeNull();
  expect(await pythonFingerprint("/bin/false", process.cwd(), {}, {}, 10_000)).toBeNull();
});
