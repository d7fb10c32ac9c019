import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { resolveOptions, SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { exampleServicesWanted } from "./example-services-wanted.ts";

const wantedWith = (env: Record<string, string>) =>
  exampleServicesWanted(resolveOptions({ PATH: process.env.PATH ?? "", ...env }, SUITE_ROOT));

describe("exampleServicesWanted", () => {
  test("the example's fixture services start only for the bundled example with no service URL given and not switched off", () => {
    expect(wantedWith({})).toBe(true);
    expect(wantedWith({ QUALIFY_EXAMPLE_SERVICES: "off" })).toBe(false);
    expect(wantedWith({ QUALIFY_SERVICE_8000_URL: "http://127.0.0.1:9" })).toBe(false);
    expect(wantedWith({ QUALIFY_TARGET: join(SUITE_ROOT, "fixtures") })).toBe(false);
  });

  test("a service URL in the selected adapter's own variables counts as given", () => {
    expect(wantedWith({ AUTOCAPTURE_VLM_ROOT_URL: "http://127.0.0.1:9" })).toBe(false);
    expect(wantedWith({ AUTOCAPTURE_DEVTOOLS_BASE_URL: "http://127.0.0.1:9" })).toBe(false);
    expect(wantedWith({ QUALIFY_ADAPTER: "no-such-adapter", AUTOCAPTURE_VLM_ROOT_URL: "x" })).toBe(true);
  });
});
