export { sha256FileSync } from "./sha256-file.ts";
export { legacyDirectoryDigests } from "./legacy-directory-digests.ts";
