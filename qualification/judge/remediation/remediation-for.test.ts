import { describe, expect, test } from "vitest";
import { REASON_CODES } from "../../../contracts/reason-codes.ts";
import { RemediationCode } from "../../../contracts/remediation.ts";
import { remediationFor } from "./remediation-for.ts";

const ctx = { target: "/srv/platform", pluginId: "builtin.retrieval.basic" };

describe("remediationFor", () => {
  test.each(REASON_CODES.filter((code) => code !== "DEPRECATED_REMOVED"))(
    "a failing %s verdict gets exactly one closed remediation",
    (reason) => {
      const remediation = remediationFor({ status: "fail", reason, detail: "d" }, ctx);
      expect(RemediationCode.safeParse(remediation?.code).success).toBe(true);
      expect(remediation?.summary.length).toBeGreaterThan(10);
    },
  );

  test("passes and not-applicable cells carry none", () => {
    expect(remediationFor({ status: "pass", reason: null, detail: "ok" }, ctx)).toBeUndefined();
    expect(
      remediationFor({ status: "not_applicable", reason: "DEPRECATED_REMOVED", detail: "retired" }, ctx),
    ).toBeUndefined();
  });

  test("hash drift names the reviewed lock update and the changed files", () => {
    const r = remediationFor(
      { status: "fail", reason: "ARTIFACT_HASH_MISMATCH", detail: "d" },
      { ...ctx, driftFiles: ["plugin.py", "extra.md"] },
    );
    expect(r).toEqual({
      code: "UPDATE_LOCK_ENTRY",
      summary:
        "recompute the lock entry of builtin.retrieval.basic after reviewing the changed files: plugin.py, extra.md",
      command:
        'QUALIFY_TARGET=/srv/platform pnpm qualify lock update --plugin builtin.retrieval.basic --reason "reviewed change to builtin.retrieval.basic"',
      changed_files: ["plugin.py", "extra.md"],
    });
  });

  test("config drift points at align; a missing spec at the scaffold", () => {
    expect(remediationFor({ status: "fail", reason: "NOT_ALLOWLISTED", detail: "d" }, ctx)?.command).toMatch(
      /pnpm qualify align --apply --reason/,
    );
    expect(remediationFor({ status: "fail", reason: "SPEC_MISSING", detail: "d" }, ctx)?.command).toBe(
      "QUALIFY_TARGET=/srv/platform pnpm qualify probe scaffold builtin.retrieval.basic",
    );
  });

  test("load failures are told apart by the platform's verbatim error", () => {
    const load = (platform_error: string) =>
      remediationFor({ status: "fail", reason: "LOAD_FAILED", detail: "d", platform_error }, ctx)?.code;
    expect(load("Plugin builtin.retrieval.basic artifact hash mismatch")).toBe("UPDATE_LOCK_ENTRY");
    expect(load("Network permission denied by policy")).toBe("FIX_CONFIG");
    expect(load("Failed to load plugin module plugin.py: SyntaxError: x")).toBe("FIX_PLUGIN_CODE");
  });
});
