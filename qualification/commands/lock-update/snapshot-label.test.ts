import { describe, expect, test } from "vitest";
import { snapshotLabel } from "./snapshot-label.ts";

describe("snapshotLabel", () => {
  test("one ID as the platform names it; several joined; too many counted; all", () => {
    expect(snapshotLabel(["builtin.retrieval.basic"])).toBe("builtin.retrieval.basic");
    expect(snapshotLabel(["a.b", "c.d"])).toBe("a.b+c.d");
    expect(snapshotLabel(Array.from({ length: 20 }, (_, i) => `builtin.plugin.number${i}`))).toBe("20-plugins");
    expect(snapshotLabel(null)).toBe("all");
  });
});
