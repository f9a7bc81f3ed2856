import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, ruleDocUrl } from '../rules/registry';
import type { RuleFinding, Severity } from '../rules/rule';
import { VERSION } from '../version';
import { relativeUri } from './files';

// SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule in tool.driver.rules (so ruleIndex is
// stable whatever was found), results with 1-based regions in UTF-16 columns (SARIF's default, and
// the unit LSP positions use too).

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/zerops-tools/zerops-lsp';

export interface SarifFile {
  path: string;
  document: TextDocument;
  findings: readonly RuleFinding[];
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

interface Region { startLine: number; startColumn: number; endLine: number; endColumn: number }

function region(doc: TextDocument, start: number, end: number): Region {
  const s = doc.positionAt(start);
  const e = doc.positionAt(end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function toSarif(files: readonly SarifFile[], cwd: string): object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const results = files.flatMap((file) => {
    const { uri, relative } = relativeUri(file.path, cwd);
    const artifactLocation = relative ? { uri, uriBaseId: '%SRCROOT%' } : { uri };
    return file.findings.map((f) => {
      const result: Record<string, unknown> = {
        ruleId: f.rule,
        ruleIndex: ruleIndex.get(f.rule) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(file.document, f.span.start, f.span.end) } }],
      };
      const fix = f.fixes?.find((x) => x.preferred);
      if (fix && fix.edits.length > 0) {
        result.fixes = [{
          description: { text: fix.title },
          artifactChanges: [{
            artifactLocation,
            replacements: fix.edits.map((e) => ({
              deletedRegion: region(file.document, e.span.start, e.span.end),
              insertedContent: { text: e.newText },
            })),
          }],
        }];
      }
      return result;
    });
  });
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'zerops-lint',
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: INFORMATION_URI,
        rules: RULES.map((r) => ({
          id: r.id,
          name: r.id,
          shortDescription: { text: r.summary },
          helpUri: ruleDocUrl(r.id),
          defaultConfiguration: { level: LEVEL[r.severity] },
          // SARIF has one default level per rule; where it differs by file kind, the others are here.
          ...(r.severityByKind ? { properties: { defaultLevelByFileKind: Object.fromEntries(Object.entries(r.severityByKind).map(([k, s]) => [k, LEVEL[s!]])) } } : {}),
        })),
      },
    },
    originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  return { version: '2.1.0', $schema: SARIF_SCHEMA, runs: [run] };
}
