import { describe, expect, test } from "vitest";
import { resolveOptions, SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { ADAPTERS } from "./adapter-registry.ts";
import { platformSettings } from "./platform-environment.ts";
import { platformSettingsOf } from "./platform-settings-of.ts";
import { tinyPlatform } from "./testing/tiny-platform/tiny-platform-adapter.ts";

const ENV = {
  PATH: "/bin",
  HOME: "/home/u",
  VIRTUAL_ENV: "/venv",
  PYTHONHASHSEED: "0",
  LC_ALL: "C",
  VITEST_WORKER_ID: "3",
  HOMEPAGE: "x",
  AUTOCAPTURE_CONFIG_DIR: "cfg",
  AUTOCAPTURE_DATA_DIR: "/data",
  AUTOCAPTURE_ROOT: "/elsewhere",
  AUTOCAPTURE_VLM_ROOT_URL: "http://127.0.0.1:9",
  AUTOCAPTURE_SAFE: "1",
  "AUTOCAPTURE_ODD-NAME": "y",
  TINY_MODE: "fast",
};
const options = resolveOptions(ENV, "/work");
const autocapture = ADAPTERS["autocapture-nx"]!;

describe("platformSettings", () => {
  test("Autocapture NX: AUTOCAPTURE_* passed through minus what the suite owns; its dirs, model and services", () => {
    expect(platformSettingsOf(options)).toEqual(platformSettings(options, autocapture.environment));
    const settings = platformSettings(options, autocapture.environment);
    expect(settings.platformEnv).toEqual({
      "AUTOCAPTURE_ODD-NAME": "y",
      AUTOCAPTURE_SAFE: "1",
      AUTOCAPTURE_VLM_ROOT_URL: "http://127.0.0.1:9",
    });
    expect(Object.keys(settings.platformEnv)).toEqual([
      "AUTOCAPTURE_ODD-NAME",
      "AUTOCAPTURE_SAFE",
      "AUTOCAPTURE_VLM_ROOT_URL",
    ]);
    // A relative dir is relative to the cwd the options were resolved in.
    expect(settings.platformConfigDir).toBe("/work/cfg");
    expect(settings.platformDataDir).toBe("/data");
    expect(settings.vlmModel).toBe("internvl3_5_8b");
    expect(
      platformSettings(resolveOptions({ AUTOCAPTURE_VLM_MODEL: "m" }, SUITE_ROOT), autocapture.environment).vlmModel,
    ).toBe("m");
    expect(settings.servicesConfigured).toBe(true);
    // Python's variables by name, the platform's own among them (a name that is not \w+ is not).
    expect(settings.pythonInheritedEnv).toEqual({
      AUTOCAPTURE_CONFIG_DIR: "cfg",
      AUTOCAPTURE_DATA_DIR: "/data",
      AUTOCAPTURE_ROOT: "/elsewhere",
      AUTOCAPTURE_SAFE: "1",
      AUTOCAPTURE_VLM_ROOT_URL: "http://127.0.0.1:9",
      HOME: "/home/u",
      LC_ALL: "C",
      PATH: "/bin",
      PYTHONHASHSEED: "0",
      VIRTUAL_ENV: "/venv",
    });
    const bare = platformSettings(resolveOptions({}, SUITE_ROOT), autocapture.environment);
    expect(bare).toMatchObject({ platformConfigDir: null, platformDataDir: null, servicesConfigured: false });
  });

  test("the tiny platform: TINY_* passed through, no user dirs, no VLM, no service variables", () => {
    const settings = platformSettings(options, tinyPlatform.environment);
    expect(settings).toEqual({
      platformEnv: { TINY_MODE: "fast" },
      platformConfigDir: null,
      platformDataDir: null,
      vlmModel: null,
      pythonInheritedEnv: {
        HOME: "/home/u",
        LC_ALL: "C",
        PATH: "/bin",
        PYTHONHASHSEED: "0",
        TINY_MODE: "fast",
        VIRTUAL_ENV: "/venv",
      },
      servicesConfigured: false,
    });
    expect(platformSettingsOf({ ...options, adapter: "tiny-platform" }, { "tiny-platform": tinyPlatform })).toEqual(
      settings,
    );
  });
});
