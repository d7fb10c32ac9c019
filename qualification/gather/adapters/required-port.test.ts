import { describe, expect, test } from "vitest";
import { ADAPTERS, UnknownAdapterError } from "./adapter-registry.ts";
import { autocaptureNx } from "./autocapture-nx/open-adapter.ts";
import { MissingPortError, requiredPort } from "./required-port.ts";
import { tinyPlatform } from "./testing/tiny-platform/tiny-platform-adapter.ts";

/** The tiny platform offers none of the command ports: every command that needs one refuses it by name. */
const adapters = { ...ADAPTERS, [tinyPlatform.name]: tinyPlatform };

describe("a command's port from the adapter QUALIFY_ADAPTER names", () => {
  test("is the adapter's own member when it offers one", () => {
    expect(requiredPort(autocaptureNx.name, "strength", "probe strength", adapters)).toBe(autocaptureNx.strength);
    expect(requiredPort(autocaptureNx.name, "fidelity", "fidelity", adapters)).toBe(autocaptureNx.fidelity);
    expect(requiredPort(autocaptureNx.name, "pluginManifest", "probe scaffold", adapters)).toBe(
      autocaptureNx.pluginManifest,
    );
  });

  test.each([
    ["strength", "probe strength"],
    ["fidelity", "fidelity"],
    ["pluginManifest", "probe scaffold"],
  ] as const)("fails closed with a usage error naming the adapter when it has no %s port", (member, command) => {
    const attempt = () => requiredPort(tinyPlatform.name, member, command, adapters);
    expect(attempt).toThrow(MissingPortError);
    expect(attempt).toThrow(
      `QUALIFY_ADAPTER: the adapter "tiny-platform" cannot run \`qualify ${command}\` (it offers no ${member} port)`,
    );
  });

  test("an adapter that is not registered is still the registry's own usage error", () => {
    expect(() => requiredPort("no-such-platform", "strength", "probe strength")).toThrow(UnknownAdapterError);
  });
});
