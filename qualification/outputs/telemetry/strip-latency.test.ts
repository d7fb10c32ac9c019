import { describe, expect, test } from "vitest";
import { BundleTelemetry, Telemetry } from "../../../contracts/telemetry.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { bundleCopyOf, stripLatency } from "./strip-latency.ts";
import { sampleTelemetry } from "./testing/sample-telemetry.ts";

describe("the proof bundle's telemetry copy", () => {
  test("two runs that differ only in latencies give byte-identical bundle copies; QUALIFY_OUT keeps the latencies", () => {
    const a = sampleTelemetry();
    const b = sampleTelemetry();
    b.queries[0]!.attempt_ms = [99.5, 101];
    b.queries[0]!.stage_ms = { classic_query: 8, total: 44.125 };
    b.db["metadata.db"].read_latency_ms = 7.75;
    const bytes = (t: Telemetry) => Buffer.from(stableJson(Telemetry.parse(t)));
    expect(bytes(a).equals(bytes(b))).toBe(false);
    expect(
      Buffer.from(bundleCopyOf("telemetry.json", bytes(a))).equals(
        Buffer.from(bundleCopyOf("telemetry.json", bytes(b))),
      ),
    ).toBe(true);
    const copy = JSON.parse(Buffer.from(bundleCopyOf("telemetry.json", bytes(a))).toString("utf8")) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(copy)).not.toMatch(/_ms"/);
    expect(copy).toMatchObject({
      service_mode: "only_8000_down",
      attribution_counts: { io: 1, plugin: 1 },
      deterministic: true,
    });
    expect(BundleTelemetry.safeParse(copy).success).toBe(true);
    expect(Telemetry.safeParse(copy).success).toBe(false);
  });

  test("other files, and a damaged or foreign telemetry file, are copied as they are", () => {
    const foreign = Buffer.from('{"a_ms": 1}\n');
    expect(bundleCopyOf("telemetry.json", foreign)).toBe(foreign);
    const raw = Buffer.from('{"a_ms": 1}\n');
    expect(bundleCopyOf("queries.json", raw)).toBe(raw);
    const broken = Buffer.from("{ not json");
    expect(bundleCopyOf("telemetry.json", broken)).toBe(broken);
  });

  test("stripLatency removes *_ms members at any depth and nothing else", () => {
    expect(stripLatency({ a_ms: 1, b: [{ c_ms: 2, d: 3 }], ms: 4, e: { f_ms: null } })).toEqual({
      b: [{ d: 3 }],
      ms: 4,
      e: {},
    });
  });
});
