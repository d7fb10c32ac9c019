import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { MAX_JSON_BYTES, PYTHON_BOM_ERROR, readJsonObjectFile } from "./read-json-file.ts";

const file = (name: string, bytes: string | Buffer): string => {
  const path = join(tempDir("json"), name);
  writeFileSync(path, bytes);
  return path;
};
const faultOf = (path: string) => {
  const read = readJsonObjectFile(path, "x.json", "CONFIG");
  if (read.ok) throw new Error("expected a fault");
  return read.fault;
};

describe("readJsonObjectFile", () => {
  test("an object is read with its bytes", () => {
    const read = readJsonObjectFile(file("a.json", '{"a": [1, 2]}\n'), "x.json", "CONFIG");
    expect(read).toMatchObject({ ok: true, value: { a: [1, 2] } });
  });

  test("a leading UTF-8 BOM is refused with exactly what Python's json.loads(read_text('utf-8')) says", () => {
    const path = file("bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{}")]));
    expect(faultOf(path)).toMatchObject({
      code: "CONFIG_INVALID_JSON",
      file: "x.json",
      detail: `x.json: invalid JSON (line 1 column 1): ${PYTHON_BOM_ERROR}`,
    });
    const python = execFileSync(
      "python3",
      [
        "-c",
        "import json,sys\ntry: json.loads(open(sys.argv[1], encoding='utf-8').read())\nexcept ValueError as e: print(e)",
        path,
      ],
      { encoding: "utf8" },
    );
    expect(python.trim()).toBe(PYTHON_BOM_ERROR);
  });

  test("bad JSON names the file and the parser's words; a non-object top level is named", () => {
    expect(faultOf(file("bad.json", '{\n  "a": ,\n}'))).toMatchObject({
      code: "CONFIG_INVALID_JSON",
      detail: expect.stringMatching(/^x\.json: invalid JSON.*Unexpected token/),
    });
    expect(faultOf(file("arr.json", "[1]"))).toMatchObject({
      code: "CONFIG_NOT_OBJECT",
      detail: "x.json: top level is an array, expected an object",
      issues: [{ pointer: "" }],
    });
  });

  test("a symlink, a directory, a missing and an oversized file are faults, never exceptions", () => {
    const dir = tempDir("json-kinds");
    const target = file("t.json", "{}");
    symlinkSync(target, join(dir, "link.json"));
    mkdirSync(join(dir, "dir.json"));
    writeFileSync(join(dir, "big.json"), Buffer.alloc(MAX_JSON_BYTES + 1, 0x20));
    expect(faultOf(join(dir, "link.json"))).toMatchObject({
      code: "CONFIG_UNREADABLE",
      detail: "x.json is a symlink; refusing to follow it",
    });
    expect(faultOf(join(dir, "dir.json"))).toMatchObject({
      code: "CONFIG_UNREADABLE",
      detail: "x.json is not a regular file",
    });
    expect(faultOf(join(dir, "none.json")).code).toBe("CONFIG_MISSING");
    expect(faultOf(join(dir, "big.json")).detail).toMatch(/over the \d+-byte limit/);
  });
});
