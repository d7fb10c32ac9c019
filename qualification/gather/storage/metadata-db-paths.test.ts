import { describe, expect, test } from "vitest";
import { metadataDbPaths } from "./metadata-db-paths.ts";

describe("metadataDbPaths", () => {
  test("the data dir's metadata.db and metadata.live.db by default", () => {
    expect(metadataDbPaths("/d")).toEqual({
      "metadata.db": "/d/metadata.db",
      "metadata.live.db": "/d/metadata.live.db",
    });
  });

  test("AUTOCAPTURE_STORAGE_METADATA_PATH (trimmed) names the primary; relative to the target root; the replica stays", () => {
    expect(metadataDbPaths("/d", { AUTOCAPTURE_STORAGE_METADATA_PATH: " /x/corpus.db\n" }, "/root")).toEqual({
      "metadata.db": "/x/corpus.db",
      "metadata.live.db": "/d/metadata.live.db",
    });
    expect(metadataDbPaths("/d", { AUTOCAPTURE_STORAGE_METADATA_PATH: "corpus/m.db" }, "/root")["metadata.db"]).toBe(
      "/root/corpus/m.db",
    );
    expect(metadataDbPaths("/d", { AUTOCAPTURE_STORAGE_METADATA_PATH: "  " }, "/root")["metadata.db"]).toBe(
      "/d/metadata.db",
    );
  });
});
