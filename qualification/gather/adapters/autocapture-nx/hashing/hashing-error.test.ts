import { expect, test } from "vitest";
import { HashingError, ioError, isHashingError } from "./hashing-error.ts";

test("ioError keeps the errno and the fs message, and passes a HashingError through unchanged", () => {
  const fsError = Object.assign(new Error("EACCES: permission denied, open 'x/plugin.py'"), { code: "EACCES" });
  const wrapped = ioError("plugins/x", "plugin.py", fsError);
  expect(wrapped).toMatchObject({
    code: "HASH_IO_ERROR",
    root: "plugins/x",
    rel: "plugin.py",
    rels: ["plugin.py"],
    errno: "EACCES",
    cause: fsError,
  });
  expect(wrapped.message).toBe("HASH_IO_ERROR: plugins/x › plugin.py: EACCES: permission denied, open 'x/plugin.py'");
  expect(ioError("elsewhere", "", wrapped)).toBe(wrapped);
});

test("isHashingError tells typed hashing failures from bugs", () => {
  const symlink = new HashingError({
    code: "SYMLINK_IN_PLUGIN_DIR",
    root: "r",
    rel: "a",
    platformError: "symlinks are not allowed in hashed directories: r/a",
  });
  expect(isHashingError(symlink)).toBe(true);
  expect(isHashingError(new TypeError("bug"))).toBe(false);
  expect(symlink.errno).toBeNull();
});
