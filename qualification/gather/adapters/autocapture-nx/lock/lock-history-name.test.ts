import { describe, expect, test } from "vitest";
import { LockHistoryNameError, formatLockHistoryName, parseLockHistoryName } from "./lock-history-name.ts";

const EXAMPLE = "20260210T225130.349221Z_pre_retrieval plugin changed_builtin.retrieval.basic_3b9898fda5c8.json";

describe("parseLockHistoryName", () => {
  test("the reference's example: reason keeps its spaces and underscores", () => {
    const parsed = parseLockHistoryName(EXAMPLE);
    expect(parsed).toEqual({
      ok: true,
      name: {
        ts: "20260210T225130.349221Z",
        at: new Date("2026-02-10T22:51:30.349Z"),
        microsecond: 349221,
        reason: "pre_retrieval plugin changed_builtin.retrieval.basic",
        sha12: "3b9898fda5c8",
      },
    });
  });

  test("a whole-second timestamp has no fraction (Python isoformat drops .000000)", () => {
    expect(parseLockHistoryName("20260220T155136Z_pre_install_0123456789ab.json")).toMatchObject({
      ok: true,
      name: { microsecond: 0, reason: "pre_install" },
    });
  });

  test.each([
    ["20260210T225130Z_x_3b9898fda5c8.txt", "NOT_JSON"],
    ["20260210T225130Z_3b9898fda5c8.json", "MISSING_PARTS"],
    ["nounderscores.json", "MISSING_PARTS"],
    ["2026-02-10T22:51:30Z_x_3b9898fda5c8.json", "INVALID_TIMESTAMP"],
    ["20260231T225130Z_x_3b9898fda5c8.json", "INVALID_TIMESTAMP"],
    ["20260210T225130.349Z_x_3b9898fda5c8.json", "INVALID_TIMESTAMP"],
    ["20260210T225130Z_x_3B9898FDA5C8.json", "INVALID_SHA12"],
    ["20260210T225130Z_x_3b9898fd.json", "INVALID_SHA12"],
  ])("%s → %s", (name, code) => {
    expect(parseLockHistoryName(name)).toMatchObject({ ok: false, code });
  });
});

describe("formatLockHistoryName", () => {
  test("reproduces the example from its parts, with the sub-millisecond digits passed in", () => {
    const at = new Date("2026-02-10T22:51:30.349Z");
    expect(
      formatLockHistoryName({
        at,
        microsecond: 349221,
        reason: "pre_retrieval plugin changed_builtin.retrieval.basic",
        sha12: "3b9898fda5c8",
      }),
    ).toBe(EXAMPLE);
  });

  test("microsecond defaults to the Date's milliseconds; zero means no fraction", () => {
    expect(
      formatLockHistoryName({ at: new Date("2026-02-20T15:51:36.323Z"), reason: "x", sha12: "0123456789ab" }),
    ).toBe("20260220T155136.323000Z_x_0123456789ab.json");
    expect(formatLockHistoryName({ at: new Date("2026-02-20T15:51:36Z"), reason: "x", sha12: "0123456789ab" })).toBe(
      "20260220T155136Z_x_0123456789ab.json",
    );
  });

  test("reason is stripped like Python's str.strip(), and an empty one becomes 'snapshot'", () => {
    expect(formatLockHistoryName({ at: new Date("2026-02-20T15:51:36Z"), reason: "  \t", sha12: "0123456789ab" })).toBe(
      "20260220T155136Z_snapshot_0123456789ab.json",
    );
  });

  test("format then parse is the identity on the parts", () => {
    const name = formatLockHistoryName({
      at: new Date("2026-03-03T01:02:03.004Z"),
      microsecond: 4005,
      reason: "post_lock update_a_b",
      sha12: "abcdefabcdef",
    });
    expect(parseLockHistoryName(name)).toMatchObject({
      ok: true,
      name: { reason: "post_lock update_a_b", sha12: "abcdefabcdef", microsecond: 4005 },
    });
  });

  test.each([
    [{ at: new Date("nope"), reason: "x", sha12: "0123456789ab" }, "INVALID_TIMESTAMP"],
    [
      { at: new Date("2026-02-20T15:51:36.323Z"), microsecond: 1, reason: "x", sha12: "0123456789ab" },
      "INVALID_TIMESTAMP",
    ],
    [{ at: new Date("2026-02-20T15:51:36Z"), reason: "x", sha12: "0123" }, "INVALID_SHA12"],
    [{ at: new Date("2026-02-20T15:51:36Z"), reason: "a/b", sha12: "0123456789ab" }, "INVALID_REASON"],
  ])("bad input %# throws %s", (input, code) => {
    expect(() => formatLockHistoryName(input)).toThrow(LockHistoryNameError);
    expect(() => formatLockHistoryName(input)).toThrow(code);
  });
});
