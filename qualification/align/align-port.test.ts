import { expect, test } from "vitest";
import type { AlignPort } from "../adapters/align-port.ts";
import { tinyPlatform } from "../adapters/testing/tiny-platform/tiny-platform-adapter.ts";
import { OptionsError } from "../options/resolve-options.ts";
import { alignPortOf } from "./gather-alignment.ts";

test("align runs on an adapter's align port, and an adapter without one is a usage error naming it", () => {
  const port: AlignPort = { facts: () => Promise.reject(new Error("not asked")) };
  expect(alignPortOf({ ...tinyPlatform, align: port })).toBe(port);
  expect(() => alignPortOf(tinyPlatform)).toThrow(OptionsError);
  expect(() => alignPortOf(tinyPlatform)).toThrow(
    "QUALIFY_ADAPTER: the tiny-platform adapter does not support align (it has no align port)",
  );
});
