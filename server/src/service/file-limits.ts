// How much of a workspace the server and the CLI read, wherever the files come from (the disk through
// Node's fs, or the editor's file system through the client in the web worker): one set of caps for both.

/** A Zerops file larger than this is not read: Zerops refuses import files over 100 KB anyway. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** A file a check reads beside the checked one (a server configuration: a few KB) larger than this is not read. */
export const MAX_READ_BYTES = 256 * 1024;
/** A `.git/config` larger than this is not read. */
export const MAX_GIT_CONFIG_BYTES = 1024 * 1024;
/** A workspace scan stops after this many Zerops files, so a huge tree cannot stall the server. */
export const MAX_FILES = 2_000;
/** Folders never looked into for Zerops files. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);
