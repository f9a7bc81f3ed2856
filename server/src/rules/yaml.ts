import type { Rule } from './rule';

const ALL = ['import', 'zerops-yml'] as const;

/** zcli refuses larger import files before sending them. */
export const MAX_IMPORT_BYTES = 100 * 1024;

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  severity: 'error',
  summary: 'The YAML does not parse (each error at its exact place), or the file holds several `---` documents.',
  kinds: ALL,
  perDocument({ model }, report) {
    const len = model.text.length;
    for (const e of model.errors) {
      // Give a zero-width error one character, so every editor can show it; a repeated key, the whole key.
      let span = e.span.end > e.span.start ? e.span : { start: Math.max(0, Math.min(e.span.start, len - 1)), end: Math.min(len, Math.max(e.span.start, 0) + 1) };
      if (e.code === 'DUPLICATE_KEY') {
        const word = /^[^\s:,[\]{}]+/.exec(model.text.slice(span.start, span.start + 256));
        if (word) span = { start: span.start, end: span.start + word[0].length };
      }
      report({ span, message: `${e.message.replace(/\s+at line \d+, column \d+.*$/s, '')} (${e.code})` });
    }
    const second = model.documents[1];
    if (second?.range) {
      const start = second.range[0];
      report({
        span: { start, end: Math.min(len, start + 3) },
        message: 'Zerops reads a single YAML document; everything from this second document on would be lost. Move it into the first document or into a file of its own.',
      });
    }
  },
};

/** Measures in bytes, as zcli does; TextEncoder is there in Node and in a web worker alike. */
const UTF8 = new TextEncoder();

export const fileSize: Rule = {
  id: 'file-size',
  severity: 'error',
  summary: 'The file is over 100 KB: zcli refuses to send it.',
  kinds: ['import'],
  perDocument({ model }, report) {
    const bytes = UTF8.encode(model.text).length;
    if (bytes <= MAX_IMPORT_BYTES && !model.skipped) return;
    const firstLine = model.text.search(/\r?\n|$/);
    const kb = Math.round(bytes / 1024);
    report({
      span: { start: 0, end: Math.max(1, Math.min(firstLine, 200)) },
      message: model.skipped
        ? `This file is ${kb} KB, far over the 100 KB Zerops accepts, and too large to check; nothing else in it was analysed.`
        : `This file is ${kb} KB; zcli refuses import files over 100 KB. Split the services over several imports.`,
    });
  },
};

export const YAML_RULES: readonly Rule[] = [yamlSyntax, fileSize];
