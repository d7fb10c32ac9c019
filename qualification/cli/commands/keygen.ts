import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateKeyPair, keyIdOf, publicKeyText, secretKeyText } from "../../outputs/proof/ed25519-keys.ts";
import { privateKeyPem, publicKeyPem } from "../../outputs/proof/ed25519-pem.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

const SECRET_KEY_FILE = "qualify-signing.key";
const PUBLIC_KEY_FILE = "qualify-signing.pub";
/** The same pair in PEM (PKCS#8, SPKI): for openssl, cosign and key stores. */
const SECRET_PEM_FILE = "qualify-signing.key.pem";
const PUBLIC_PEM_FILE = "qualify-signing.pub.pem";

/** `pnpm qualify keygen --out <dir>`: an Ed25519 pair for signing proof bundles. The secret is never printed. */
const keygen: QualifyCommand = {
  summary: "write an Ed25519 key pair for signing proof bundles (qualify-signing.key 0600, .pub; and both in PEM)",
  usage: "keygen --out <dir> [--force]",
  async run(args, io) {
    const flags = parseFlags(args, { strings: ["out"], booleans: ["force"] });
    const out = flags.strings.get("out");
    if (!out || flags.positionals.length > 0) throw new UsageError("give --out <dir> and nothing else");
    const dir = resolve(io.cwd, out);
    const secretPath = join(dir, SECRET_KEY_FILE);
    const publicPath = join(dir, PUBLIC_KEY_FILE);
    const secretPem = join(dir, SECRET_PEM_FILE);
    const publicPem = join(dir, PUBLIC_PEM_FILE);
    const all = [secretPath, publicPath, secretPem, publicPem];
    if (!flags.booleans.has("force") && all.some((path) => existsSync(path))) {
      io.err(
        `keygen: ${dir} already holds a qualify-signing key; refusing to overwrite (pass --force to replace them)`,
      );
      return 1;
    }
    mkdirSync(dir, { recursive: true });
    for (const path of all) rmSync(path, { force: true });
    const pair = generateKeyPair();
    // "wx": a fresh file, created 0600 before the first byte is written (never a reused, wider-mode file).
    writeFileSync(secretPath, secretKeyText(pair.secretKey), { mode: 0o600, flag: "wx" });
    writeFileSync(secretPem, privateKeyPem(pair.secretKey.slice(0, 32), pair.publicKey), { mode: 0o600, flag: "wx" });
    writeFileSync(publicPath, publicKeyText(pair.publicKey), { mode: 0o644, flag: "wx" });
    writeFileSync(publicPem, publicKeyPem(pair.publicKey), { mode: 0o644, flag: "wx" });
    io.out(`wrote ${publicPath} (keyid ${keyIdOf(pair.publicKey)})`);
    io.out(`wrote ${secretPath} (mode 0600; keep it secret)`);
    io.out(`wrote ${publicPem} and ${secretPem} (the same pair in PEM: SPKI and PKCS#8, for openssl and cosign)`);
    io.out(`sign bundles with: QUALIFY_SIGNING_KEY_FILE=${secretPath} pnpm test:qualify`);
    io.out(`verify them with:  pnpm qualify verify <QUALIFY_OUT>/proof --public-key ${publicPath}`);
    return 0;
  },
};
export default keygen;
