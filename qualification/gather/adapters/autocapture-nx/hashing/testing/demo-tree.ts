import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * A `demo/` directory that exercises every rule of the platform's `autocapture_nx/kernel/hashing.py`: mixed-case
 * names, CRLF under a normalised suffix, raw bytes under an unlisted one, a subdirectory, bytecode to exclude (the two
 * `.pyc` entries have arbitrary content: they are excluded). Its digests are what that module computes for it.
 */
export const DEMO_FILES: Readonly<Record<string, Buffer>> = {
  "plugin.json": Buffer.from('{"plugin_id": "demo.plugin"}\n'),
  "plugin.py": Buffer.from([0x70, 0x72, 0x69, 0x6e, 0x74, 0x28, 0x22, 0x68, 0x69, 0x22, 0x29, 0x0d, 0x0a]),
  "a.txt": Buffer.from([0x61]),
  "B.txt": Buffer.from([0x42]),
  "sub/c.md": Buffer.from([0x78, 0x0d, 0x0a, 0x79]),
  "blob.bin": Buffer.from([0x00, 0x0d, 0x0a]),
  "__pycache__/plugin.cpython-311.pyc": Buffer.from("bytecode that must not count"),
  "stale.pyc": Buffer.from("stale bytecode"),
};

export const DEMO_DIGEST = "3f5d3a7ff6d909dbad1e18060d71e7b11199376f6952f46c172848da1f6134bf";

export const DEMO_FILE_DIGESTS: Readonly<Record<string, string>> = {
  "plugin.json": "8e980dbe61686ea1f47c5c57a83ba970995c519f3f14ab6bb748c1da66a4abca",
  "plugin.py": "0ca9091eb4e31fb1ab24c8c5de92a08e4e5f402919f82ea3ca784f38534f03f3",
  "a.txt": "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
  "B.txt": "df7e70e5021544f4834bbee64a9e3789febc4be81470df629cad6ddb03320a5c",
  "sub/c.md": "9ab9de25768ac172235e119b76362ecddad33878fe9a7792cdddbe47236f9a87",
  "blob.bin": "5016d27e02b85de4602313289699acbf145b3b1e47d8f94320cce8ded4a6ceef",
};

export function writeTree(root: string, files: Readonly<Record<string, Uint8Array>>): string {
  for (const [rel, bytes] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  return root;
}

export function writeDemoTree(parent: string): string {
  return writeTree(join(parent, "demo"), DEMO_FILES);
}
