import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { killTree } from "./process-tree.ts";

/**
 * Everything a qualification started that must not outlive it: the process trees it spawned (the platform's
 * CLI, the probe hosts, and whatever those started, detached groups and sessions included) and its temp dirs.
 * A run that ends normally releases each as it goes; an interrupted one — SIGINT (Ctrl-C reaches the whole
 * foreground group), SIGTERM, SIGHUP, or Vitest's main process going away (the IPC channel closes) — releases
 * them all here, synchronously, before the process exits, and leaves a note saying the run was interrupted.
 */
/**
 * Written into QUALIFY_OUT while a run has not ended on its own (SIGINT, SIGTERM, SIGHUP, a kill): its outputs are
 * partial.
 */
export const INTERRUPTED_FILE = "interrupted.json";

const processes = new Set<number>();
const dirs = new Set<string>();
let interruptNote: { path: string; staleOutputs: string[] } | null = null;
let installed = false;

export function trackProcess(pid: number | undefined): void {
  if (pid === undefined) return;
  installInterruptHandlers();
  processes.add(pid);
}

export function untrackProcess(pid: number | undefined): void {
  if (pid !== undefined) processes.delete(pid);
}

export function trackDir(dir: string): string {
  installInterruptHandlers();
  dirs.add(dir);
  return dir;
}

export function untrackDir(dir: string): void {
  dirs.delete(dir);
}

/**
 * Where an interrupted run's note goes (QUALIFY_OUT/interrupted.json; null: nowhere), and which outputs in that
 * dir an earlier run left: an interrupted run writes none, so those would otherwise pass for its own. The note
 * is written as the run starts — so a run ended by anything, even SIGKILL, leaves it — and rewritten with the
 * signal when one is caught; the reporter removes it when the run ends without being interrupted.
 */
export function setInterruptNote(path: string | null, staleOutputs: string[] = []): void {
  interruptNote = path === null ? null : { path, staleOutputs: [...staleOutputs].sort() };
  if (interruptNote)
    writeInterruptNote("the run has not finished: it is running, or it ended without a signal the suite could catch");
}

function writeInterruptNote(cause: string): void {
  if (interruptNote === null) return;
  try {
    mkdirSync(dirname(interruptNote.path), { recursive: true });
    const note = { cause, interrupted: true, stale_outputs: interruptNote.staleOutputs };
    writeFileSync(interruptNote.path, `${JSON.stringify(note, null, 2)}\n`);
  } catch {
    // The output dir may be gone too: the processes and dirs are what must not be left.
  }
}

/** Kills every tracked tree and removes every tracked dir; safe to call more than once. */
function releaseAll(): void {
  for (const pid of processes) killTree(pid);
  processes.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

function interrupted(cause: string, code: number): void {
  // A run that still held something was cut short (one that held nothing had finished): the note says by what.
  // It comes first: whoever watches for the run's processes and dirs to go must find it once they have.
  if (processes.size + dirs.size > 0) writeInterruptNote(cause);
  releaseAll();
  process.exit(code);
}

function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  process.once("SIGINT", () => interrupted("SIGINT", 130));
  process.once("SIGTERM", () => interrupted("SIGTERM", 143));
  process.once("SIGHUP", () => interrupted("SIGHUP", 129));
  // A worker whose Vitest main process died: its IPC channel closes and nobody will ever collect its results.
  if (typeof process.send === "function")
    process.once("disconnect", () => interrupted("the test runner's main process went away", 129));
  process.once("exit", releaseAll);
}
