import { describe, expect, test } from "vitest";
import { ADAPTERS, DEFAULT_ADAPTER, UnknownAdapterError } from "../adapters/adapter-registry.ts";
import { tinyPlatform } from "../adapters/testing/tiny-platform/tiny-platform-adapter.ts";
import { lockPortOf, NoLockPortError } from "./lock-port-of.ts";

describe("lockPortOf", () => {
  test("the default adapter's lock port", () => {
    expect(lockPortOf(DEFAULT_ADAPTER)).toBe(ADAPTERS[DEFAULT_ADAPTER]!.lock);
  });

  test("an adapter without one is a usage error naming it; an unknown adapter stays one too", () => {
    const registry = { ...ADAPTERS, [tinyPlatform.name]: tinyPlatform };
    expect(() => lockPortOf("tiny-platform", registry)).toThrow(NoLockPortError);
    expect(() => lockPortOf("tiny-platform", registry)).toThrow(/the tiny-platform adapter has no lock port/);
    expect(() => lockPortOf("no-such-platform", registry)).toThrow(UnknownAdapterError);
  });
});
