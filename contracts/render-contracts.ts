import { compile } from "json-schema-to-typescript";
import { z } from "zod";
import { stableJson } from "../qualification/shared/canonical/canonical-json.ts";
import { CONTRACTS } from "./registry.ts";

export interface RenderedContract {
  readonly path: string;
  readonly text: string;
}

/** zod is the source; the JSON Schema and the .d.ts derived from it are committed so non-TS consumers can use them. */
export async function renderContracts(): Promise<RenderedContract[]> {
  const out: RenderedContract[] = [];
  for (const contract of CONTRACTS) {
    const jsonSchema = { ...z.toJSONSchema(contract.schema, { target: "draft-2020-12" }), title: contract.title };
    out.push({ path: `${contract.file}.schema.json`, text: stableJson(jsonSchema) });
    const types = await compile(jsonSchema as Parameters<typeof compile>[0], contract.title, {
      bannerComment: `/* Generated from contracts/${contract.file}.schema.json by \`pnpm contracts:generate\`. Do not edit. */`,
      additionalProperties: false,
      format: false,
    });
    out.push({ path: `generated/${contract.file}.d.ts`, text: types });
  }
  return out;
}
