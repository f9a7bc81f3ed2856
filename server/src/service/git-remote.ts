// The remote URLs of a git repository, from the text of its `.git/config`. Pure: the server and the CLI
// read the file (no git process is ever started) and hand the text here.

/** `url = …` lines of every `[remote "…"]` section, in file order. */
export function parseGitConfigRemotes(text: string): string[] {
  const out: string[] = [];
  let inRemote = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inRemote = /^\[\s*remote\s+"[^"]*"\s*\]$/.test(line);
      continue;
    }
    if (!inRemote) continue;
    const m = /^url\s*=\s*(.+?)\s*$/.exec(line);
    if (m) out.push(m[1].replace(/^"(.*)"$/, '$1'));
  }
  return out;
}
