import { describe, expect, test } from "vitest";
import type { Enablement, PlatformFacts } from "../../../contracts/evidence.ts";
import { judgeEnabled } from "./enabled.ts";

/** The check on recorded evidence: the platform's rule is the adapter's (its own tests), the mapping is this. */
const LOCATIONS: PlatformFacts["config_locations"] = { allowlist: { file: "platform.json", pointer: "/allowlist" } };
const judge = (allowlisted: boolean, enablement: Enablement) =>
  judgeEnabled({ plugin_id: "p.one", config: { allowlisted, enablement } }, LOCATIONS);
const ON: Enablement = { enabled: true, code: null, detail: "its file enables it", locations: [] };
const at = { file: "plugins/one.json", pointer: "/enabled" };

describe("judgeEnabled: the recorded enablement, after the allowlist", () => {
  test("not allowlisted is never enabled, whatever the platform's rule recorded", () =>
    expect(judge(false, ON)).toEqual({
      status: "fail",
      reason: "NOT_ALLOWLISTED",
      detail: "p.one is not allowlisted, so the registry never enables it",
      locations: [LOCATIONS.allowlist],
    }));
  test("enabled: a pass with the platform's words", () =>
    expect(judge(true, ON)).toEqual({ status: "pass", reason: null, detail: "its file enables it" }));
  test("not enabled: the recorded code, words and locations", () =>
    expect(
      judge(true, { enabled: false, code: "DISABLED_BY_MANIFEST", detail: "its file disables it", locations: [at] }),
    ).toEqual({ status: "fail", reason: "DISABLED_BY_MANIFEST", detail: "its file disables it", locations: [at] }));
  test("a decision no setting changes names no location", () =>
    expect(
      judge(true, { enabled: false, code: "DEPRECATED_CAPTURE_BLOCK", detail: "hard-disabled", locations: [] }),
    ).toEqual({ status: "fail", reason: "DEPRECATED_CAPTURE_BLOCK", detail: "hard-disabled" }));
});
