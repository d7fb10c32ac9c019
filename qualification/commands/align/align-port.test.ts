import { expect, test } from "vitest";
import type { AlignPort } from "../../gather/adapters/align-port.ts";
import { MissingPortError, requiredPort } from "../../gather/adapters/required-port.ts";
import { tinyPlatform } from "../../gather/adapters/testing/tiny-platform/tiny-platform-adapter.ts";

test("align runs on an adapter's align port, and an adapter without one is a usage error naming it", () => {
  const port: AlignPort = {
    configFile: "config.json",
    keyedObjects: [],
    changeLabels: {},
    checkConfig: () => null,
    facts: () => Promise.reject(new Error("not asked")),
  };
  const withPort = { [tinyPlatform.name]: { ...tinyPlatform, align: port } };
  expect(requiredPort(tinyPlatform.name, "align", "align", withPort)).toBe(port);
  const without = { [tinyPlatform.name]: tinyPlatform };
  expect(() => requiredPort(tinyPlatform.name, "align", "align", without)).toThrow(MissingPortError);
  expect(() => requiredPort(tinyPlatform.name, "align", "align", without)).toThrow(
    'QUALIFY_ADAPTER: the adapter "tiny-platform" cannot run `qualify align` (it offers no align port)',
  );
});
