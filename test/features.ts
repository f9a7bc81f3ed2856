import assert from 'node:assert/strict';
import { parseZerops } from '../server/src/model/parse';
import { complete } from '../server/src/service/features/completion';
import { hover } from '../server/src/service/features/hover';
import { definition, documentSymbols, prepareRename, references } from '../server/src/service/features/navigation';
import { indexWorkspace } from '../server/src/service/workspace';

// Hover and completion on whole files, at the start, middle and end of every line, and on lines cut short
// as if being typed: nothing throws, a hover's range holds the cursor, and a completion replaces a span
// that holds the cursor; navigation at every 11th offset. Run on the samples by npm test and on the real
// corpus by npm run test:real.

export function checkFeatures(text: string, fileName: string, offsets: number[]): { hovers: number; completions: number } {
  const model = parseZerops(text, { fileName });
  let hovers = 0;
  let completions = 0;
  for (const at of offsets) {
    const h = hover(model, at);
    if (h) {
      hovers++;
      assert.ok(h.span.start <= at && at <= h.span.end, `${fileName}@${at}: hover range ${JSON.stringify(h.span)}`);
      assert.ok(h.markdown.length > 0);
    }
    for (const c of complete(model, at)) {
      completions++;
      assert.ok(c.span.start <= at && at <= c.span.end, `${fileName}@${at}: ${c.label} replaces ${JSON.stringify(c.span)}`);
    }
  }
  return { hovers, completions };
}

/** Three points of every line of every file; the totals. */
export function everyLine(files: readonly { name: string; text: string }[]): { hovers: number; completions: number } {
  let hovers = 0;
  let completions = 0;
  for (const { name, text } of files) {
    const offsets: number[] = [];
    let start = 0;
    for (const line of text.split('\n')) {
      offsets.push(start, start + Math.floor(line.length / 2), start + line.length);
      start += line.length + 1;
    }
    const r = checkFeatures(text, name, offsets);
    hovers += r.hovers;
    completions += r.completions;
  }
  return { hovers, completions };
}

/** Every file cut short in the middle of every `step`th line. */
export function cutShort(files: readonly { name: string; text: string }[], step: number): void {
  for (const { name, text } of files) {
    let start = 0;
    text.split('\n').forEach((line, i) => {
      const cut = start + Math.floor(line.length / 2);
      start += line.length + 1;
      if (i % step === 0) checkFeatures(text.slice(0, cut), name, [cut]);
    });
  }
}

type Files = readonly { name: string; text: string }[];

/** Outline, definition, references and rename preparation at every 11th offset of one workspace; the definitions found. */
export function navigateEverywhere(files: Files): number {
  const all = indexWorkspace(files.map((f) => ({ fileName: f.name, text: f.text }))).files();
  let hits = 0;
  for (const f of all) {
    documentSymbols(f);
    for (let offset = -1; offset <= f.model.text.length + 1; offset += 11) {
      if (definition(all, f, offset).length) hits++;
      references(all, f, offset, true);
      prepareRename(all, f, offset);
    }
  }
  return hits;
}

/**
 * The zerops.yml files among `files` (by their name's end, as a repository would hold them) are read as
 * zerops.yml with named setups, with an outline entry per setup; a definition is looked up for each of
 * their references. Returns how many files and references there were.
 */
export function zeropsYmlSweep(files: Files): { files: number; references: number } {
  const index = indexWorkspace(files.map((f) => ({ fileName: f.name, text: f.text })));
  const names = files.map((f) => f.name).filter((f) => /zerops\.ya?ml$/.test(f));
  let refs = 0;
  for (const name of names) {
    const file = index.get(name);
    assert.equal(file?.model.kind, 'zerops-yml', name);
    assert.ok(file.model.setups.length > 0 && file.model.setups.every((s) => typeof s.name?.value === 'string'), name);
    assert.equal(documentSymbols(file).length, file.model.setups.length, name);
    for (const r of file.model.references) {
      refs++;
      definition(index.files(), file, r.hostSpan.start);
    }
  }
  return { files: names.length, references: refs };
}
