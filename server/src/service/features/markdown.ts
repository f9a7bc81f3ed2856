// Markdown for hovers and completion docs, written one way. Editors render these docs as Markdown with
// HTML: a placeholder such as <password> in plain text is taken for a tag and vanishes, and `_` or `*`
// turn into emphasis. Catalogue prose goes through `text`, literal code through `code`.

/** `s` as inline code, shown exactly: the fence is longer than any run of backticks inside. */
export function code(s: string | number): string {
  const str = String(s);
  let longest = 0;
  for (const m of str.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = str.startsWith('`') || str.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${str}${pad}${fence}`;
}

/** Plain text with every character Markdown could read as syntax or HTML escaped, so it shows as written. */
export function plain(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~&!]/g, (c) => `\\${c}`);
}
