import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const FAKE_VLLM_MODEL = "internvl3_5_8b";

/**
 * A deterministic stand-in for the port-8000 vLLM service (reference §11.1): `/health`, `/v1/models` and
 * `/v1/chat/completions` with a fixed answer. It listens on an ephemeral port, never on 8000, so tests that
 * need the service down and tests that need it up can run in parallel; point both the suite
 * (QUALIFY_SERVICE_8000_URL) and the plugin (AUTOCAPTURE_VLM_ROOT_URL) at `url`.
 */
export async function startFakeVllm(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const json = (status: number, body: unknown): void => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.method === "GET" && request.url === "/health") return void response.writeHead(200).end();
      if (request.method === "GET" && request.url === "/v1/models") return json(200, { data: [{ id: FAKE_VLLM_MODEL, object: "model" }], object: "list" });
      if (request.method === "POST" && request.url === "/v1/chat/completions")
        return json(200, { choices: [{ finish_reason: "stop", index: 0, message: { content: "A code editor with a failing test.", role: "assistant" } }], model: FAKE_VLLM_MODEL, object: "chat.completion" });
      json(404, { error: "not found" });
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}

/** A local URL where nothing listens: a port the OS just handed out and took back. */
export async function deadLocalUrl(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((done) => server.close(() => done()));
  return `http://127.0.0.1:${port}`;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}
