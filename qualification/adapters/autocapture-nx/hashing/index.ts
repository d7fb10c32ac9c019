export { HashingError, isHashingError, type HashingErrorCode } from "./hashing-error.ts";
export { NORMALIZED_SUFFIXES, normalizesSuffix, pythonSuffix, sha256File, sha256FileSync, type FileHashOptions } from "./sha256-file.ts";
export { compareCodePoints, comparePythonPathOrder, pythonCasefold, sortByPythonPathOrder } from "./python-path-order.ts";
export { listHashedFiles, type HashedFile } from "./hashed-file-list.ts";
export { digestDirectory, digestDirectorySync, sha256Directory, sha256DirectorySync, type DigestOptions, type DirectoryDigest, type FileDigest, type FileDigestSelector } from "./sha256-directory.ts";
export { legacyDirectoryDigests, type LegacyDirectoryDigests } from "./legacy-directory-digests.ts";
export { hashDirectories, type DirectoryHashOutcome, type HashDirectoriesOptions } from "./hash-directories.ts";
