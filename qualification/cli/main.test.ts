import { describe, expect, test } from "vitest";
import { tempDir } from "../../setup/testing/example-copy.ts";
import type { CommandIo } from "./command.ts";
import { main } from "./main.ts";

async function qualify(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { QUALIFY_OUT: tempDir("cli-out") },
    cwd: tempDir("cli"),
  };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("pnpm qualify follows CLI conventions", () => {
  test("help asked for goes to stdout with exit 0, for the tool and for each command", async () => {
    for (const flag of ["--help", "-h", "help"]) {
      const r = await qualify(flag);
      expect(r.code).toBe(0);
      expect(r.out).toContain("usage: pnpm qualify <command>");
      expect(r.out).toMatch(/verify <bundle-dir>/);
      expect(r.err).toBe("");
    }
    const verify = await qualify("verify", "--help");
    expect(verify).toMatchObject({ code: 0, err: "" });
    expect(verify.out).toMatch(/^usage: pnpm qualify verify <bundle-dir>/);
  });

  test("--version prints the suite's version; an unknown command is a usage error on stderr (exit 2)", async () => {
    expect(await qualify("--version")).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^qualify \d+\.\d+\.\d+$/),
    });
    const unknown = await qualify("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('error: unknown command "frobnicate"');
    expect(unknown.out).toBe("");
  });

  test("marshal without --runs says it needs it (no silent default)", async () => {
    const r = await qualify("marshal");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--runs N is required");
  });
});
