import { readFile } from "node:fs/promises";
import type { RequestListener } from "node:http";
import { extname, resolve, sep } from "node:path";
import { serve, type RunningServer } from "../../fixtures/services/listen.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

function staticHandler(dir: string): RequestListener {
  const root = resolve(dir);
  return (request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://report").pathname);
      const file = resolve(root, `.${path.endsWith("/") ? `${path}index.html` : path}`);
      if (request.method !== "GET" || !file.startsWith(root + sep)) return void response.writeHead(404).end();
      try {
        const body = await readFile(file);
        response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  };
}

/**
 * Serves one directory read-only on loopback (a free port), the way a person would look at a generated
 * report: browsers block fetches from file:// pages, and the Vitest HTML report fetches its data file. Paths
 * that leave the directory are 404, like missing files.
 */
export function serveDirectory(dir: string): Promise<RunningServer> {
  return serve(staticHandler(dir));
}
