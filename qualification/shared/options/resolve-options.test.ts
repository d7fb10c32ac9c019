import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { OptionsError, resolveOptions, SUITE_ROOT } from "./resolve-options.ts";

const EXAMPLE = join(SUITE_ROOT, "fixtures/example-platform");
const resolveWith = (env: Record<string, string>) =>
  resolveOptions({ PATH: process.env.PATH ?? "", ...env }, SUITE_ROOT);

describe("resolveOptions", () => {
  test("defaults: the bundled example, artifacts/qualification, the probes catalog, python3", () => {
    const options = resolveWith({});
    expect(options.target).toBe(EXAMPLE);
    expect(options.outDir).toBe(join(SUITE_ROOT, "artifacts/qualification"));
    // The example's own catalog, chosen because its pyproject names the example project.
    expect(options.probeCatalog).toMatchObject({
      source: "suite",
      dir: join(SUITE_ROOT, "probes/autocapture-nx-example"),
      name: "autocapture-nx-example",
    });
    expect(options.python).toBe("python3");
  });

  test("CI reporting: annotations and junit times only under GitHub Actions (times also on request), paths relative to its workspace", () => {
    expect(resolveWith({}).githubAnnotations).toBeNull();
    expect(resolveWith({}).junitTimes).toBe(false);
    expect(resolveWith({ QUALIFY_JUNIT_TIMES: "1" }).junitTimes).toBe(true);
    expect(resolveWith({ GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: "/ws" })).toMatchObject({
      githubAnnotations: { workspace: "/ws" },
      junitTimes: true,
    });
    expect(resolveWith({ GITHUB_ACTIONS: "true" }).githubAnnotations).toEqual({ workspace: SUITE_ROOT });
  });

  test("the environment is kept by sorted name, with its cwd; no platform's variable is read here", () => {
    const options = resolveOptions({ ZED: "z", SOME_PLATFORM_X: "1", PATH: "/bin", GONE: undefined }, "/work");
    expect(options.environment).toEqual({ PATH: "/bin", SOME_PLATFORM_X: "1", ZED: "z" });
    expect(Object.keys(options.environment)).toEqual(["PATH", "SOME_PLATFORM_X", "ZED"]);
    expect(options.cwd).toBe("/work");
    expect(options).not.toHaveProperty("platformEnv");
    expect(options).not.toHaveProperty("vlmModel");
  });

  test("bad values are refused with the variable named, never defaulted", () => {
    expect(() => resolveWith({ QUALIFY_CLI_TIMEOUT_MS: "soon" })).toThrow(OptionsError);
    expect(() => resolveWith({ QUALIFY_SHARD: "4/3" })).toThrow(/shard must be i\/n/);
    expect(() => resolveWith({ QUALIFY_TARGET: "/no/such/dir" })).toThrow(/QUALIFY_TARGET does not exist/);
  });
});
