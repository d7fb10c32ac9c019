import { accessSync, constants } from "node:fs";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { tempDir } from "./example-copy.ts";

/** Debian's chromium package (`.ci/run` installs it); Playwright never downloads a browser here. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * The flags a closed, root, headless machine needs: no sandbox (root), no GPU, and none of Chromium's
 * background connections (they are refused here, many at a time, and slow every start).
 */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export class BrowserMissingError extends Error {
  readonly code = "BROWSER_MISSING";
}

export interface Browser {
  readonly page: Page;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Debian chromium with a fresh profile, allowed to reach `origin` only: every other request (the
 * report's web fonts, anything else) is aborted, so the page behaves the same offline and on every machine.
 * A missing browser is an error with the fix, never a skip: a browser test that skips proves nothing.
 */
export async function launchChromium(origin: string): Promise<Browser> {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    throw new BrowserMissingError(
      `${CHROMIUM} is not installed: run \`apt-get install -y chromium\` (Debian's package; .ci/run installs it). The browser end-to-end test does not skip without it.`,
    );
  }
  const context = await chromium.launchPersistentContext(tempDir("chromium-profile"), {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  await context.route(
    (url) => url.origin !== new URL(origin).origin,
    (route) => route.abort(),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, context, close: () => context.close() };
}
