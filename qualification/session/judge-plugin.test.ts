import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, editJson, optionsFor, tempDir } from "../../setup/testing/example-copy.ts";
import { STATIC_CHECK_IDS } from "./judge-plugin.ts";
import { QualificationSession } from "./qualification-session.ts";

describe("static verdicts come from the judging code of the full verdicts", () => {
  test("for every planned plugin — unresolved, retired, manifest fault, healthy — staticVerdicts equals the full verdicts' static checks", async () => {
    const { root } = copyExample();
    editJson(root, "config/default.json", (c) => c.plugins.allowlist.push("builtin.phantom.plugin"));
    editJson(root, "plugins/builtin/state_jepa_like/plugin.json", (m) => (m.unexpected_field = true));
    const scratch = tempDir("judge");
    const deprecations = join(scratch, "deprecations.json");
    writeFileSync(
      deprecations,
      JSON.stringify({
        schema_version: 1,
        deprecated: [{ plugin_id: "builtin.privacy.sanitizer", reason: "retired for this test" }],
      }),
    );
    const session = await QualificationSession.open(
      optionsFor(root, {
        QUALIFY_PROBES: scratch,
        QUALIFY_OUT: join(scratch, "out"),
        QUALIFY_DEPRECATIONS: deprecations,
      }),
    );
    try {
      const cells: Record<string, string> = {};
      for (const { plugin_id: id } of session.plan.plugins) {
        const [full, only] = await Promise.all([session.verdicts(id), session.staticVerdicts(id)]);
        for (const check of STATIC_CHECK_IDS) {
          expect(only[check], `${id} › ${check}`).toEqual(full[check]);
          cells[`${id} › ${check}`] = `${only[check].status}:${only[check].reason ?? ""}`;
        }
      }
      // The guards the old static path skipped: no manifest is not "enabled". A manifest the platform parses but
      // rejects is enabled by the config; its refusal is loaded's (the platform's own registry says so).
      expect(cells["builtin.phantom.plugin › enabled"]).toBe("fail:UNRESOLVED_ID");
      expect(cells["builtin.phantom.plugin › allowlisted"]).toBe("fail:UNRESOLVED_ID");
      expect(cells["builtin.state.jepa_like › enabled"]).toBe("pass:");
      expect(cells["builtin.privacy.sanitizer › hash_ok"]).toBe("not_applicable:DEPRECATED_REMOVED");
      expect(cells["builtin.retrieval.basic › enabled"]).toBe("pass:");
    } finally {
      session.close();
    }
  });

  test("a manifest nothing references is judged on its own evidence, and an unknown ID is unresolved", async () => {
    const { root } = copyExample();
    editJson(root, "config/default.json", (c) => {
      c.plugins.allowlist = c.plugins.allowlist.filter((id: string) => id !== "builtin.state.jepa_like");
      delete c.plugins.enabled["builtin.state.jepa_like"];
    });
    const scratch = tempDir("judge");
    const session = await QualificationSession.open(
      optionsFor(root, { QUALIFY_PROBES: scratch, QUALIFY_OUT: join(scratch, "out") }),
    );
    try {
      expect(session.inventory.unreferenced_manifests.map((m) => m.plugin_id)).toContain("builtin.state.jepa_like");
      const stray = await session.staticVerdicts("builtin.state.jepa_like");
      expect([stray.allowlisted.reason, stray.hash_ok.status, stray.enabled.reason]).toEqual([
        "NOT_ALLOWLISTED",
        "pass",
        "NOT_ALLOWLISTED",
      ]);
      expect((await session.staticVerdicts("nobody.knows.this")).enabled.reason).toBe("UNRESOLVED_ID");
    } finally {
      session.close();
    }
  });
});
