import { LockRefusal } from "../../gather/adapters/lock-port.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";

/**
 * Runs a lock command with the port's refusals turned into the writers' own, so they are reported the same way
 * (`{ok: false, code, detail, file}`, exit 1). The port raises them before anything is written, as every refusal.
 */
export async function withPortRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LockRefusal) throw new WriteRefusal(error.code, error.detail, error.file);
    throw error;
  }
}
