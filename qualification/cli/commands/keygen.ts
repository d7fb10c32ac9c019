import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateKeyPair, keyIdOf, publicKeyText, secretKeyText } from "../../proof/ed25519-keys.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

export const SECRET_KEY_FILE = "qualify-signing.key";
export const PUBLIC_KEY_FILE = "qualify-signing.pub";

/** `pnpm qualify keygen --out <dir>`: an Ed25519 pair for signing proof bundles. The secret is never printed. */
const keygen: QualifyCommand = {
  summary: "write an Ed25519 key pair for signing proof bundles (qualify-signing.key 0600, qualify-signing.pub)",
  usage: "keygen --out <dir> [--force]",
  async run(args, io) {
    const flags = parseFlags(args, { strings: ["out"], booleans: ["force"] });
    const out = flags.strings.get("out");
    if (!out || flags.positionals.length > 0) throw new UsageError("give --out <dir> and nothing else");
    const dir = resolve(io.cwd, out);
    const secretPath = join(dir, SECRET_KEY_FILE);
    const publicPath = join(dir, PUBLIC_KEY_FILE);
    if (!flags.booleans.has("force") && (existsSync(secretPath) || existsSync(publicPath))) {
      io.err(`keygen: ${dir} already holds ${SECRET_KEY_FILE} or ${PUBLIC_KEY_FILE}; refusing to overwrite (pass --force to replace them)`);
      return 1;
    }
    mkdirSync(dir, { recursive: true });
    for (const path of [secretPath, publicPath]) rmSync(path, { force: true });
    const pair = generateKeyPair();
    // "wx": a fresh file, created 0600 before the first byte is written (never a reused, wider-mode file).
    writeFileSync(secretPath, secretKeyText(pair.secretKey), { mode: 0o600, flag: "wx" });
    writeFileSync(publicPath, publicKeyText(pair.publicKey), { mode: 0o644, flag: "wx" });
    io.out(`wrote ${publicPath} (keyid ${keyIdOf(pair.publicKey)})`);
    io.out(`wrote ${secretPath} (mode 0600; keep it secret)`);
    io.out(`sign bundles with: QUALIFY_SIGNING_KEY_FILE=${secretPath} pnpm test:qualify`);
    io.out(`verify them with:  pnpm qualify verify <QUALIFY_OUT>/proof --public-key ${publicPath}`);
    return 0;
  },
};
export default keygen;
