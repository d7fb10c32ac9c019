import { describe, expect, test } from "vitest";
import { PYTHON_BOM_ERROR } from "../../../../shared/io/read-json-file.ts";
import { jsonPointer, lockfileDocumentFrom, parseLockfile, serializeLockfile, type Lockfile } from "./lockfile.ts";

const HEX_A = "a".repeat(64);
const HEX_B = "b".repeat(64);
const HEX_C = "c".repeat(64);

/** As `update_plugin_locks.py` writes it: sorted keys, indent 2, `+00:00`, no trailing newline. */
const EXTENDED_TEXT = `{
  "contract_lock_hash": "${HEX_C}",
  "generated_at": "2026-02-20T15:51:36.323038+00:00",
  "kernel_api_version": "0.1.0",
  "plugins": {
    "builtin.retrieval.basic": {
      "artifact_sha256": "${HEX_A}",
      "contract_lock_hash": "${HEX_C}",
      "kernel_api_version": "0.1.0",
      "manifest_sha256": "${HEX_B}",
      "sbom": {
        "requirements": [],
        "requirements_sha256": null
      }
    },
    "local.caf\\u00e9": {
      "artifact_sha256": "${HEX_B}",
      "manifest_sha256": "${HEX_A}"
    }
  },
  "version": 1
}`;

const MINIMAL_TEXT = `{"generated_at": "2026-01-20T10:00:00Z", "plugins": {"p.one": {"artifact_sha256": "${HEX_A}", "manifest_sha256": "${HEX_B}"}}, "version": 1}`;

describe("parseLockfile", () => {
  test("extended v1, including a minimal entry written by update_lock_entry", () => {
    const parsed = parseLockfile(EXTENDED_TEXT, "config/plugin_locks.json");
    expect(parsed.ok && parsed.lock).toEqual({
      format: "extended_v1",
      version: 1,
      generated_at: "2026-02-20T15:51:36.323038+00:00",
      kernel_api_version: "0.1.0",
      contract_lock_hash: HEX_C,
      plugins: {
        "builtin.retrieval.basic": {
          artifact_sha256: HEX_A,
          manifest_sha256: HEX_B,
          kernel_api_version: "0.1.0",
          contract_lock_hash: HEX_C,
        },
        "local.café": {
          artifact_sha256: HEX_B,
          manifest_sha256: HEX_A,
          kernel_api_version: null,
          contract_lock_hash: null,
        },
      },
    } satisfies Lockfile);
  });

  test("minimal v1", () => {
    const parsed = parseLockfile(MINIMAL_TEXT, "config/plugin_locks.json");
    expect(parsed.ok && parsed.lock).toMatchObject({
      format: "minimal_v1",
      kernel_api_version: null,
      contract_lock_hash: null,
      plugins: { "p.one": { kernel_api_version: null } },
    });
  });

  test("round trip: serializeLockfile reproduces the platform's bytes exactly", () => {
    const parsed = parseLockfile(EXTENDED_TEXT, "lock");
    expect(parsed.ok && serializeLockfile(parsed.document)).toBe(EXTENDED_TEXT);
  });

  test("lockfileDocumentFrom writes what the platform would write for a parsed lock", () => {
    const parsed = parseLockfile(EXTENDED_TEXT, "lock");
    expect(parsed.ok && serializeLockfile(lockfileDocumentFrom(parsed.lock))).toBe(EXTENDED_TEXT);
    const minimal = parseLockfile(MINIMAL_TEXT, "lock");
    expect(minimal.ok && JSON.parse(serializeLockfile(lockfileDocumentFrom(minimal.lock)))).toEqual(
      JSON.parse(MINIMAL_TEXT),
    );
  });

  test("unknown keys are kept, as the platform ignores them", () => {
    const parsed = parseLockfile(MINIMAL_TEXT.replace('"version": 1', '"note": "hand-edited", "version": 1'), "lock");
    expect(parsed.ok && serializeLockfile(parsed.document)).toContain('"note": "hand-edited"');
  });

  test.each([
    ["{not json", "LOCKFILE_INVALID_JSON"],
    ["", "LOCKFILE_INVALID_JSON"],
    ["\ufeff{}", "LOCKFILE_INVALID_JSON"],
    ["[]", "LOCKFILE_NOT_OBJECT"],
    ["null", "LOCKFILE_NOT_OBJECT"],
    ['"text"', "LOCKFILE_NOT_OBJECT"],
  ])("%j → %s with a root pointer", (text, code) => {
    const parsed = parseLockfile(text, "config/plugin_locks.json");
    expect(parsed).toMatchObject({ ok: false, code, file: "config/plugin_locks.json", issues: [{ pointer: "" }] });
  });

  test("a leading BOM is refused with Python's words, as the platform's json.loads(read_text()) refuses it", () => {
    expect(parseLockfile('\ufeff{"plugins": {}}', "l.json")).toMatchObject({
      ok: false,
      issues: [{ message: `invalid JSON: ${PYTHON_BOM_ERROR}` }],
    });
  });

  test("every schema problem is reported at once, each with its JSON pointer", () => {
    const text = JSON.stringify({
      kernel_api_version: "0.1.0",
      plugins: {
        x: { manifest_sha256: 5 },
        "a/b~c": { artifact_sha256: HEX_A, manifest_sha256: HEX_B, kernel_api_version: 1 },
      },
      version: 2,
    });
    const parsed = parseLockfile(text, "lock");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.code).toBe("LOCKFILE_SCHEMA");
    expect(parsed.issues.map((issue) => issue.pointer).sort()).toEqual([
      "/contract_lock_hash",
      "/generated_at",
      "/plugins/a~1b~0c/kernel_api_version",
      "/plugins/x/artifact_sha256",
      "/plugins/x/manifest_sha256",
      "/version",
    ]);
    expect(parsed.detail).toMatch(/^lock: /);
  });
});

test("jsonPointer escapes ~ and /", () => {
  expect(jsonPointer(["plugins", "a/b~c", 0])).toBe("/plugins/a~1b~0c/0");
  expect(jsonPointer([])).toBe("");
});
