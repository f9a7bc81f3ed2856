import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileAccess } from './rules/rule';
import { MAX_GIT_CONFIG_BYTES, MAX_READ_BYTES } from './service/file-limits';
import { parseGitConfigRemotes } from './service/git-remote';

// The files of a repository as the checks may read them (the file a zerops.yml's siteConfigPath names,
// say), for the server and the CLI alike: read-only, inside one root folder, no link followed, small
// files only, and never an exception: whatever cannot be told is "unknown".

export { MAX_READ_BYTES };

/**
 * Read access to the files under `root`, by paths relative to `dir` (the checked file's folder, inside
 * `root`). A path that leads out of `root`, through a symbolic link, to something other than a regular
 * file, or to a file over `maxBytes` gives undefined; so does any error but "no such file".
 */
export function filesUnder(root: string, dir: string, maxBytes = MAX_READ_BYTES): FileAccess {
  const top = resolve(root);
  return {
    read(path: string): string | 'missing' | undefined {
      try {
        if (!path || path.includes('\0') || isAbsolute(path)) return undefined;
        const rel = relative(top, resolve(dir, path));
        if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
        // Every step below the root must be what it seems: a link anywhere on the way is not followed.
        let at = top;
        for (const part of rel.split(sep)) {
          at = join(at, part);
          let stat;
          try {
            stat = lstatSync(at);
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : undefined;
          }
          if (stat.isSymbolicLink()) return undefined;
        }
        const fd = openSync(at, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
        try {
          const stat = fstatSync(fd);
          if (!stat.isFile() || stat.size > maxBytes) return undefined;
          const buf = Buffer.alloc(stat.size);
          let read = 0;
          while (read < stat.size) {
            const n = readSync(fd, buf, read, stat.size - read, read);
            if (n === 0) break;
            read += n;
          }
          return buf.subarray(0, read).toString('utf8');
        } finally {
          closeSync(fd);
        }
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The remotes of the git repository whose work tree is `workTree` (`.git/config`, or for a linked
 * worktree the config its `.git` file leads to, through `commondir`). Empty when there is none or it
 * cannot be read. Reads three small files at most; starts no process. The server and the CLI both use it.
 */
export function gitRemotes(workTree: string): string[] {
  try {
    const dotGit = join(workTree, '.git');
    const stat = lstatSync(dotGit);
    let gitDir = dotGit;
    if (stat.isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
      if (!m) return [];
      gitDir = isAbsolute(m[1]) ? m[1] : join(workTree, m[1]);
      const common = join(gitDir, 'commondir');
      if (existsSync(common)) {
        const c = readFileSync(common, 'utf8').trim();
        gitDir = isAbsolute(c) ? c : join(gitDir, c);
      }
    } else if (!stat.isDirectory()) return [];
    const config = join(gitDir, 'config');
    const cstat = lstatSync(config);
    if (!cstat.isFile() || cstat.size > MAX_GIT_CONFIG_BYTES) return [];
    return parseGitConfigRemotes(readFileSync(config, 'utf8'));
  } catch {
    return [];
  }
}
