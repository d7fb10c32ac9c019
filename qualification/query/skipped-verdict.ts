import type { QueryVerdict, ServiceHealthReport, ServiceId } from "../../contracts/query-run.ts";
import { compareCodePoints } from "../shared/canonical/canonical-json.ts";

/** The services a service-backed case needs: both must be up for it to run. */
export const REQUIRED_SERVICES: readonly ServiceId[] = ["service_7411", "service_8000"];

/** Pure: a service-backed case not run because the recorded service health says a service it needs is down. */
export function skippedVerdict(services: ServiceHealthReport): QueryVerdict {
  const down = services.services
    .filter((s) => !s.up && REQUIRED_SERVICES.includes(s.service))
    .sort((a, b) => compareCodePoints(a.service, b.service));
  return {
    class: "dependency_skipped",
    reason: null,
    attribution: "dependency",
    dependencies: down.map((s) => s.service),
    detail: `service-backed case not run in mode ${services.mode}: ${down.map((s) => `${s.service} is down (${s.error ?? "no answer"})`).join("; ")}`,
  };
}
