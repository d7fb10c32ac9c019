/**
 * The suite's layering, lowest first: a folder may import its own layer (without a cycle) and the layers below
 * it, never a layer above. An import that does is one that "runs back up": the lower folder then cannot be read,
 * tested or reused without the higher one. Every folder of the suite is in exactly one layer, so a new folder
 * has to be placed here (the layering test fails until it is).
 */
export interface Layer {
  readonly name: string;
  readonly why: string;
  readonly folders: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  {
    name: "canonical bytes",
    why: "canonical JSON and code-point order: every byte the suite writes goes through it, contracts' schemas included",
    folders: ["qualification/shared/canonical"],
  },
  {
    name: "contracts",
    why: "the data shapes (zod), the one source of truth every other layer reads",
    folders: ["contracts"],
  },
  {
    name: "shared utilities",
    why: "JSON helpers, file reading, child processes and the resolved options; they know no stage",
    folders: [
      "qualification/shared/json",
      "qualification/shared/io",
      "qualification/shared/process",
      "qualification/shared/options",
    ],
  },
  {
    name: "stages",
    why: "gathering evidence from the platform (adapters, services, storage, probe specs, the query tier's run) and judging it (inventory, checks, remediation, query judges)",
    folders: [
      "qualification/gather/adapters",
      "qualification/gather/services",
      "qualification/gather/storage",
      "qualification/gather/probe",
      "qualification/judge/inventory",
      "qualification/judge/checks",
      "qualification/judge/remediation",
      "qualification/query",
    ],
  },
  {
    name: "session",
    why: "one qualification: the stages run once, their evidence and verdicts",
    folders: ["qualification/session"],
  },
  {
    name: "run outputs",
    why: "what a run's evidence and verdicts become: the final report, telemetry, the signed bundle and its verification, shard merging",
    folders: [
      "qualification/outputs/report",
      "qualification/outputs/telemetry",
      "qualification/outputs/proof",
      "qualification/outputs/shard",
    ],
  },
  {
    name: "Vitest glue",
    why: "generated tests and the reporter that writes a qualification's outputs when Vitest ends",
    folders: ["qualification/register", "reporters"],
  },
  {
    name: "command engines",
    why: "`pnpm qualify <command>` engines over sessions and the target: fidelity, probe strength, align, lock update, marshal, their writers",
    folders: [
      "qualification/commands/fidelity",
      "qualification/commands/strength",
      "qualification/commands/align",
      "qualification/commands/lock-update",
      "qualification/commands/marshal",
      "qualification/commands/writers",
    ],
  },
  {
    name: "entry points",
    why: "the CLI, Vitest's setup, benches, fixtures, catalogs and repository tools: nothing imports them",
    folders: ["qualification/cli", "setup", "bench", "fixtures", "probes", "scripts", "qualification/layout", "."],
  },
];

/**
 * The folders of `qualification/` that only group others on disk (`qualification/<group>/<folder>`), as the layers do.
 */
export const GROUPS: readonly string[] = ["shared", "gather", "judge", "outputs", "commands"];

/**
 * The folder a repository-relative file belongs to: `qualification/[<group>/]<folder>`, else its top-level folder, else
 * ".".
 */
export function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts.length === 1) return ".";
  if (parts[0] !== "qualification") return parts[0]!;
  if (parts.length > 3 && GROUPS.includes(parts[1]!)) return parts.slice(0, 3).join("/");
  return parts.length > 2 ? `qualification/${parts[1]}` : "qualification";
}

/** The index of a folder's layer in LAYERS, or null for a folder no layer names. */
export function layerIndexOf(folder: string): number | null {
  const index = LAYERS.findIndex((layer) => layer.folders.includes(folder));
  return index < 0 ? null : index;
}

/**
 * Test files and test helpers (`testing/` folders) may drive any layer: an end-to-end test of a stage runs a session.
 */
export const isTestSource = (file: string): boolean =>
  /\.(test|bench|e2e\.test)\.ts$/.test(file) || file.split("/").includes("testing");
