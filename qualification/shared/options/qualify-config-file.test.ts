import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { exampleServicesWanted } from "../../../setup/example-services-wanted.ts";
import { EXAMPLE_PLATFORM, tempDir } from "../../../setup/testing/example-copy.ts";
import { applyConfigFile } from "./qualify-config-file.ts";
import { OptionsError, resolveOptions } from "./resolve-options.ts";

const HELPER = join(import.meta.dirname, "qualify-config-file.ts");

function configDir(body: string): string {
  const dir = tempDir("qualify-config");
  writeFileSync(
    join(dir, "qualify.config.ts"),
    `import { defineQualifyConfig } from ${JSON.stringify(HELPER)};\nexport default defineQualifyConfig(${body});\n`,
  );
  return dir;
}

describe("qualify.config.ts", () => {
  test("its values become the options; paths are relative to the file; the environment overrides it", async () => {
    const dir = configDir(
      `{ target: ${JSON.stringify(EXAMPLE_PLATFORM)}, out: "out", cliTimeoutMs: 4321, exampleServices: false, required: ["a.json"] }`,
    );
    const env: NodeJS.ProcessEnv = { QUALIFY_CLI_TIMEOUT_MS: "9999" };
    expect(await applyConfigFile(env, dir)).toBe(join(dir, "qualify.config.ts"));
    const options = resolveOptions(env, "/");
    expect(options.target).toBe(EXAMPLE_PLATFORM);
    expect(options.outDir).toBe(join(dir, "out"));
    expect(options.cliTimeoutMs).toBe(9999);
    expect(options.requiredFiles).toEqual([join(dir, "a.json")]);
    expect(exampleServicesWanted(options)).toBe(false);
  });

  test("no file, no change; a mistyped key or value is a usage error naming it", async () => {
    const env: NodeJS.ProcessEnv = {};
    expect(await applyConfigFile(env, tempDir("empty"))).toBeNull();
    expect(env).toEqual({});
    await expect(applyConfigFile({}, configDir(`{ cliTimeoutMS: 5 } as never`))).rejects.toThrow(
      /Unrecognized key.*cliTimeoutMS/,
    );
    await expect(applyConfigFile({}, configDir(`{ cliTimeoutMs: -1 }`))).rejects.toBeInstanceOf(OptionsError);
    await expect(applyConfigFile({ QUALIFY_CONFIG: "missing.ts" }, tempDir("empty"))).rejects.toThrow(
      /QUALIFY_CONFIG does not exist/,
    );
  });
});
