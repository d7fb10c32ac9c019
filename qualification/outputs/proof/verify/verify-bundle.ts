import { resolve } from "node:path";
import type { VerifyReport, VerifyStepResult } from "../../../../contracts/proof-bundle.ts";
import { QUERIES_FILE } from "../../../query/query-output-files.ts";
import { readBundleDir } from "./read-bundle-dir.ts";
import { stepCompleteness } from "./step-completeness.ts";
import { stepEnvelope } from "./step-envelope.ts";
import { stepRejudge } from "./step-rejudge.ts";
import { blocked } from "./step-result.ts";
import { stepSignature, type SignatureOptions } from "./step-signature.ts";
import { stepSubjects } from "./step-subjects.ts";
import { stepTarget, type TargetOptions } from "./step-target.ts";

export type VerifyOptions = SignatureOptions &
  TargetOptions & {
    /** Accept a shard's partial bundle, checked as complete for its shard (`verify --partial`). */
    readonly partial?: boolean;
  };

/**
 * Verification as named steps (sigstore's `Verifier.verify` pipeline): envelope_parse → signature → subjects →
 * completeness → rejudge → target. Every step is reported; a step that needs a failed one is BLOCKED (a fail).
 * The bundle is valid only when no step fails.
 */
export function verifyBundle(dir: string, options: VerifyOptions): VerifyReport {
  const bundle = readBundleDir(resolve(options.cwd, dir));
  const steps: VerifyStepResult[] = [];
  const envelope = stepEnvelope(bundle);
  steps.push(envelope.result);
  const opened = envelope.opened;
  if (!opened) {
    steps.push(
      ...(["signature", "subjects", "completeness", "rejudge", "target"] as const).map((step) =>
        blocked(step, "envelope_parse"),
      ),
    );
  } else {
    steps.push(stepSignature(opened, options));
    steps.push(stepSubjects(opened.statement, bundle));
    const completeness = stepCompleteness(bundle, opened.statement, { partial: options.partial ?? false });
    steps.push(completeness.result);
    steps.push(
      completeness.documents
        ? stepRejudge(completeness.documents, bundle.files.get(QUERIES_FILE))
        : blocked("rejudge", "completeness"),
    );
    steps.push(stepTarget(opened.statement, options));
  }
  return { schema_version: 1, ok: steps.every((s) => s.status !== "fail"), bundle: bundle.dir, steps };
}
