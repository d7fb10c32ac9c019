import { createServer } from "node:net";
import { expect, onTestFinished, test } from "vitest";
import { launchChromium } from "./testing/launch-chromium.ts";
import { tempDir } from "./testing/example-copy.ts";
import { startVitest } from "./testing/vitest-child.ts";

/**
 * `pnpm test:qualify --ui`, as the README documents it: the run ends and the UI stays up, to be browsed in a real
 * browser (Debian's chromium) — the plugin's suite is there, with its checks.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

test("--ui stays open after the run, and the browser shows the qualified plugin's suite and checks", async () => {
  const port = await freePort();
  const plugin = "builtin.retrieval.basic";
  const vitest = startVitest(
    ["--mode", "qualify", "--ui", "--open=false", `--api.port=${port}`, "--api.host=127.0.0.1", "-t", plugin],
    { QUALIFY_OUT: tempDir("ui-out"), QUALIFY_EXAMPLE_SERVICES: "off" },
  );
  onTestFinished(() => vitest.stop());
  await vitest.waitFor("the end of the run", (text) => text.includes("qualification: OK (filtered run)"), 120_000);
  // The run is over; the UI is not: a moment later Vitest is still running, serving it.
  const state = await Promise.race([
    vitest.done.then(() => "exited"),
    new Promise((r) => setTimeout(() => r("running"), 3_000)),
  ]);
  expect(state).toBe("running");
  const origin = `http://127.0.0.1:${port}`;
  const browser = await launchChromium(origin);
  onTestFinished(() => browser.close());
  const { page } = browser;
  await page.goto(`${origin}/__vitest__/`);
  await page.getByTestId("explorer-item").first().waitFor({ timeout: 30_000 });
  await expect
    .poll(
      async () =>
        page.getByTestId("explorer-item").evaluateAll((items) => items.map((i) => i.getAttribute("aria-label"))),
      { timeout: 30_000 },
    )
    .toContain(plugin);
}, 180_000);
