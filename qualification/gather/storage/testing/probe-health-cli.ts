/**
 * `node --import tsx probe-health-cli.ts <db-path>`: prints probeSqliteHealth's facts as one JSON line.
 * Exists so a test can run the probe as another (unprivileged) user: root reads a chmod-000 file anyway.
 */
import { probeSqliteHealth } from "../sqlite-health.ts";

const path = process.argv[2];
if (!path) {
  console.error("usage: probe-health-cli.ts <db-path>");
  process.exit(2);
}
console.log(JSON.stringify(probeSqliteHealth(path, "metadata.db", { required: true }).health));
