import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, onTestFinished, test } from "vitest";
import { startExampleServices } from "../fixtures/services/start-example-services.ts";
import { SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { runCommand } from "../qualification/shared/process/run-command.ts";
import { copyExample, tempDir } from "./testing/example-copy.ts";
import { launchChromium } from "./testing/launch-chromium.ts";
import { serveDirectory } from "./testing/static-server.ts";
import { VITEST_BIN } from "./testing/vitest-child.ts";

/**
 * The fix-a-plugin view, in a real browser: `pnpm test:qualify --reporter=html` on a copy of the example with
 * one broken plugin, the report @vitest/ui writes opened in Debian's chromium, and the broken plugin found the
 * way a person finds it — filter the tree to failures, see the plugin's suite, click its failing check, read the
 * error panel (reason, expected/actual diff, replay line).
 */
const BROKEN = "builtin.privacy.sanitizer";
const CHECK = `${BROKEN} › functional`;

/**
 * A realistic privacy bug: ticket numbers of 7–8 digits are no longer redacted. Locks are regenerated, so only the
 * behaviour is wrong.
 */
function breakSanitizer(root: string): void {
  const file = join(root, "plugins/builtin/privacy_sanitizer/plugin.py");
  const source = readFileSync(file, "utf8");
  const broken = source.replace(String.raw`\b\d{7,}\b`, String.raw`\b\d{9,}\b`);
  expect(broken, "the sanitizer's number pattern was not found; update this test's mutation").not.toBe(source);
  writeFileSync(file, broken);
  execFileSync("python3", ["tools/update_plugin_locks.py"], {
    cwd: root,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    stdio: "pipe",
  });
}

/**
 * The explorer tree rows on screen, top to bottom. The tree is virtual-scrolled: rows it is not showing stay in
 * the DOM, parked far above the viewport, so "in the DOM" is not "shown".
 */
async function shownRows(page: Page): Promise<Array<{ index: number; label: string | null }>> {
  const height = page.viewportSize()?.height ?? 0;
  return page.getByTestId("explorer-item").evaluateAll(
    (items, bottom) =>
      items
        .map((item, index) => ({
          index,
          label: item.getAttribute("aria-label"),
          top: item.getBoundingClientRect().top,
        }))
        .filter((row) => row.top >= 0 && row.top < bottom)
        .sort((a, b) => a.top - b.top)
        .map(({ index, label }) => ({ index, label })),
    height,
  );
}

test("the Vitest UI report of a run with one broken plugin shows its suite, its failing check, the reason, the diff and the replay line", async () => {
  const copy = copyExample();
  breakSanitizer(copy.root);
  // The VLM plugin's service is up (a loopback fixture), so the broken plugin is the only failing suite.
  const services = await startExampleServices({ start: ["service_8000"] });
  onTestFinished(() => services.stop());
  const html = join(tempDir("ui-report"), "html");

  const run = await runCommand({
    file: process.execPath,
    args: [VITEST_BIN, "--mode", "qualify", "--reporter=html", `--outputFile.html=${join(html, "index.html")}`],
    cwd: SUITE_ROOT,
    env: { CI: "true", ...services.env, QUALIFY_TARGET: copy.root, QUALIFY_OUT: copy.out },
    timeoutMs: 240_000,
  });
  expect(run.exitCode, run.stdout + run.stderr).toBe(1);
  expect(existsSync(join(html, "html.meta.json.gz")), "the html reporter wrote no data file").toBe(true);

  const server = await serveDirectory(html);
  onTestFinished(() => server.close());
  const browser = await launchChromium(server.url);
  onTestFinished(() => browser.close());
  const { page } = browser;
  await page.goto(`${server.url}/`);
  await page.getByTestId("explorer-item").first().waitFor();
  // Unfiltered, the tree opens on the run checks and the first plugins: the broken one is not in sight.
  expect((await shownRows(page)).map((row) => row.label)).not.toContain(BROKEN);

  // Only failures, only tests: the tree shrinks to the failing suites and their failing checks.
  await page.getByRole("checkbox", { name: "Fail" }).check({ force: true });
  await page.getByRole("checkbox", { name: "Only Tests" }).check({ force: true });
  await expect
    .poll(async () => (await shownRows(page)).map((row) => row.label))
    .toEqual(["qualification/register/plugins.qualify.ts", BROKEN, CHECK]);

  const row = (await shownRows(page)).find((r) => r.label === CHECK)!;
  await page.getByTestId("explorer-item").nth(row.index).click();
  const report = page.getByTestId("report");
  await report.getByText("QualificationFailure").waitFor();
  const text = await report.innerText();
  expect(text).toContain(
    `${CHECK}: [fail] PROBE_FAILED step redact_email_ip_number (privacy.egress_sanitizer.sanitize, spec): result differs`,
  );
  // Vitest's diff view of the verdict's expected/actual: the missing redaction, line by line.
  expect(text).toMatch(/- Expected\s+\+ Received/);
  expect(text).toMatch(/-\s+"count": 4,\s+\+\s+"count": 3,/);
  expect(text).toContain(
    '+   "text": "Mail [EMAIL_1] and [EMAIL_2] from [IPV4_1] about ticket 12345678; cc [EMAIL_1]"',
  );
  expect(text).toContain(`replay: QUALIFY_TARGET=${copy.root} pnpm test:qualify -t "${BROKEN}"`);
}, 300_000);
