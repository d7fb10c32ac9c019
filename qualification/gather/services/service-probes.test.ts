import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { ServiceProbe } from "../../../contracts/query-run.ts";
import { deadLocalUrl } from "../../../fixtures/services/listen.ts";
import { startExampleServices, type ExampleServices } from "../../../fixtures/services/start-example-services.ts";
import { probePopup } from "./probe-popup.ts";
import { probeVlm } from "./probe-vlm.ts";
import { serviceMode } from "./service-probes.ts";

/** The services' probe sequences against the real fixture services, one pair for the file, modes flipped per test. */
let services: ExampleServices;
beforeAll(async () => {
  services = await startExampleServices({ delayMs: 10_000 });
}, 60_000);
afterAll(() => services?.stop());
afterEach(() => {
  services.state.vlm!.mode = "normal";
  services.state.popup!.mode = "normal";
  services.state.popup!.vlm.url = services.urls.service_8000;
});

const vlm = (over: Partial<Parameters<typeof probeVlm>[0]> = {}) =>
  probeVlm({ url: services.urls.service_8000, model: "internvl3_5_8b", apiKey: null, timeoutMs: 2000, ...over });
const popup = (over: Partial<Parameters<typeof probePopup>[0]> = {}) =>
  probePopup({ url: services.urls.service_7411, timeoutMs: 2000, popupTimeoutMs: 30_000, ...over });

describe("port 8000", () => {
  test("health → models → chat ping, all ok", async () => {
    expect(await vlm()).toMatchObject({
      up: true,
      error: null,
      steps: [
        { step: "health", ok: true },
        { step: "models", ok: true },
        { step: "chat_ping", ok: true },
      ],
    });
  });

  test("a model the service does not list is models_missing_expected, and no chat is attempted", async () => {
    const probe = await vlm({ model: "other-model" });
    expect(probe).toMatchObject({ up: false, error: "models_missing_expected" });
    expect(probe.steps.map((s) => s.step)).toEqual(["health", "models"]);
  });

  test("a slow service is down within the step timeout (models_unreachable:TimeoutError), never waited for", async () => {
    services.state.vlm!.mode = "slow";
    const started = performance.now();
    expect(await vlm({ timeoutMs: 500 })).toMatchObject({ up: false, error: "models_unreachable:TimeoutError" });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test("nothing listening is health_unreachable:ECONNREFUSED", async () => {
    expect(await vlm({ url: await deadLocalUrl() })).toMatchObject({
      up: false,
      error: "health_unreachable:ECONNREFUSED",
      steps: [{ step: "health", ok: false }],
    });
  });
});

describe("port 7411", () => {
  test("health → token → popup status check, all ok", async () => {
    expect(await popup()).toMatchObject({
      up: true,
      error: null,
      steps: [{ step: "health" }, { step: "token" }, { step: "popup" }],
    });
  });

  test("a popup answer naming a blocking marker fails the preflight (as `_popup_query_preflight` does)", async () => {
    services.state.popup!.vlm.url = await deadLocalUrl();
    expect(await popup()).toMatchObject({ up: false, error: "popup_blocked:autocapture_upstream_unreachable" });
  });

  test("a slow token step is token_unreachable:TimeoutError", async () => {
    services.state.popup!.mode = "slow";
    expect(await popup({ timeoutMs: 500 })).toMatchObject({ up: false, error: "token_unreachable:TimeoutError" });
  });
});

describe("serviceMode", () => {
  const p = (service: ServiceProbe["service"], up: boolean): ServiceProbe => ({
    service,
    url: "",
    up,
    steps: [],
    error: up ? null : "x",
  });
  test.each([
    [true, true, "service_up"],
    [false, false, "service_down"],
    [false, true, "only_7411_down"],
    [true, false, "only_8000_down"],
  ] as const)("7411 up %s, 8000 up %s → %s", (a, b, mode) => {
    expect(serviceMode([p("service_7411", a), p("service_8000", b)])).toBe(mode);
  });
});
