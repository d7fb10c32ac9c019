import { expect, test } from "vitest";
import { comparePathComponents } from "./discover-manifests.ts";

test("manifest paths sort as pathlib sorts Paths: by component, each by code point", () => {
  const paths = [
    "/r/a-b/plugin.json",
    "/r/a/b/plugin.json",
    "/r/a.b/plugin.json",
    "/r/B/plugin.json",
    "/r/a/plugin.json",
  ];
  expect([...paths].sort(comparePathComponents)).toEqual([
    "/r/B/plugin.json",
    "/r/a/b/plugin.json",
    "/r/a/plugin.json",
    "/r/a-b/plugin.json",
    "/r/a.b/plugin.json",
  ]);
  // A plain string sort differs exactly where `/` meets `-` or `.` (0x2f sorts after both).
  expect([...paths].sort()).not.toEqual([...paths].sort(comparePathComponents));
});
