import { TextDocument } from 'vscode-languageserver-textdocument';
import { portsOfBase } from '../catalog/ports';
import { baseNames, splitType, typeInfo, type TypeInfo } from '../catalog/types';
import { VALKEY } from '../catalog/valkey';
import { variableListOf } from '../catalog/variables';
import type { DocumentKind } from '../model/types';
import { FILE_KINDS, fileKind } from '../model/kind';
import { RULES, RULES_BY_ID, ruleDocUrl } from '../rules/registry';
import { defaultSeverity, type RuleFinding } from '../rules/rule';
import { RULE_EXAMPLES, type RuleExample } from '../rules/examples';
import { planProject, secretRedactor } from '../service/plan';
import { planText } from '../service/plan-render';
import { Project } from '../service/project';
import { DEFAULT_SETTINGS } from '../service/settings';
import { nearest } from '../util/nearest';
import { VERSION } from '../version';

// The checks as tools for agents: plain arguments in, plain data out. Each tool reads only the texts it
// is handed (no disk, no network) and answers with a short text for the model and the same facts as
// structured content. A bad argument is a ToolInputError, which the MCP front end turns into a tool error.

/** An argument a tool cannot use; its message says what to send instead. */
export class ToolInputError extends Error {}

export interface ToolResult {
  /** What a model reads first: a few lines, no values of secrets. */
  text: string;
  structured: Record<string, unknown>;
}

/** Texts larger than this are refused: the checks analyse at most 512 KB anyway, and zcli sends at most 100 KB. */
export const MAX_TEXT = 2 * 1024 * 1024;
const MAX_RELATED = 50;
const KINDS: readonly DocumentKind[] = FILE_KINDS.map((k) => k.id);

type Args = Record<string, unknown>;

function object(args: unknown): Args {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args)) throw new ToolInputError('The arguments must be an object.');
  return args as Args;
}

function onlyKeys(args: Args, allowed: readonly string[]): void {
  for (const k of Object.keys(args)) {
    if (!allowed.includes(k)) {
      const guess = nearest(k, allowed);
      throw new ToolInputError(`Unknown argument "${k}"${guess ? ` (did you mean "${guess}"?)` : ''}; this tool takes ${allowed.join(', ')}.`);
    }
  }
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new ToolInputError(`"${name}" must be a string holding the file's YAML text.`);
  if (value.length > MAX_TEXT) throw new ToolInputError(`"${name}" is ${value.length} characters; at most ${MAX_TEXT} are checked.`);
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new ToolInputError(`"${name}" must be a non-empty string when given.`);
  return value;
}

/**
 * A file name as a key under one virtual folder, so every file of a call counts as one project (a
 * zerops.yml is checked against the import files of its own folder). `..`, drive letters and leading
 * slashes are refused or dropped: nothing here names a real path.
 */
function virtualPath(fileName: string, name: string): string {
  const parts = fileName.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..') || /^[a-z]:$/i.test(parts[0])) {
    throw new ToolInputError(`"${name}" must be a relative file name such as "zerops.yml" or "app/zerops-project-import.yml".`);
  }
  return `/project/${parts.join('/')}`;
}

function kindArg(value: unknown): DocumentKind | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(KINDS as readonly string[]).includes(value)) {
    throw new ToolInputError(`"kind" takes "import" or "zerops-yml", not ${JSON.stringify(value)}.`);
  }
  return value as DocumentKind;
}

interface Source {
  path: string;
  display: string;
  text: string;
  kind?: DocumentKind;
}

/** The file to check and its related files, validated. */
function sources(args: Args, withRelated: boolean): { main: Source; related: Source[] } {
  const kind = kindArg(args.kind);
  const given = optionalString(args.fileName, 'fileName');
  const display = given ?? (kind ? fileKind(kind)?.defaultName : undefined) ?? 'input.yaml';
  const main: Source = { path: virtualPath(display, 'fileName'), display, text: text(args.text, 'text'), kind };
  const related: Source[] = [];
  if (withRelated && args.related !== undefined) {
    if (!Array.isArray(args.related)) throw new ToolInputError('"related" must be a list of { fileName, text } objects.');
    if (args.related.length > MAX_RELATED) throw new ToolInputError(`"related" holds ${args.related.length} files; at most ${MAX_RELATED} are read.`);
    args.related.forEach((r, i) => {
      const item = object(r);
      onlyKeys(item, ['fileName', 'text']);
      const name = optionalString(item.fileName, `related[${i}].fileName`);
      if (name === undefined) throw new ToolInputError(`related[${i}] needs a "fileName".`);
      related.push({ path: virtualPath(name, `related[${i}].fileName`), display: name, text: text(item.text, `related[${i}].text`) });
    });
  }
  const paths = new Set<string>();
  for (const s of [main, ...related]) {
    if (paths.has(s.path)) throw new ToolInputError(`Two files are named "${s.display}"; give each file its own name.`);
    paths.add(s.path);
  }
  return { main, related };
}

/** A project holding the file and its related files, every one parsed before any is checked. */
function projectOf(main: Source, related: readonly Source[]): { project: Project; kind: DocumentKind | 'other'; redact: (message: string) => string } {
  const project = new Project();
  project.open(main.path, main.text, 0, main.kind ? { fileName: main.path, forceKind: main.kind } : { fileName: main.path });
  for (const r of related) project.setDiskFile(r.path, r.text);
  const kind = project.model(main.path)?.kind ?? 'other';
  if (kind === 'other') {
    throw new ToolInputError(
      `"${main.display}" is not recognised as a Zerops file by its name or content; pass kind: "import" for a project import file or "zerops-yml" for a zerops.yml.`,
    );
  }
  // Messages quote values now and then; none may show a secret of any file of the call.
  const redact = secretRedactor(project.files().map((f) => f.model));
  return { project, kind, redact };
}

export interface FindingOut {
  rule: string;
  severity: string;
  message: string;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  docs: string;
}

function findingOut(doc: TextDocument, f: RuleFinding, redact: (message: string) => string): FindingOut {
  const start = doc.positionAt(f.span.start);
  const end = doc.positionAt(f.span.end);
  return {
    rule: f.rule,
    severity: f.severity,
    message: redact(f.message),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    fixable: !!f.fixes?.some((x) => x.preferred && x.edits.length > 0),
    docs: ruleDocUrl(f.rule),
  };
}

function counts(findings: readonly { severity: string }[]) {
  const n = (s: string) => findings.filter((f) => f.severity === s).length;
  return { errors: n('error'), warnings: n('warning'), information: n('info') + n('hint') };
}

function findingLines(file: string, findings: readonly FindingOut[]): string[] {
  return findings.map((f) => `${file}:${f.line}:${f.column} ${f.severity} ${f.message} [${f.rule}]${f.fixable ? ' (fix available)' : ''}`);
}

function countLine(c: ReturnType<typeof counts>): string {
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${part(c.errors, 'error')}, ${part(c.warnings, 'warning')}, ${c.information} information`;
}

export function validate(raw: unknown): ToolResult {
  const args = object(raw);
  onlyKeys(args, ['text', 'fileName', 'kind', 'related']);
  const { main, related } = sources(args, true);
  const { project, kind, redact } = projectOf(main, related);
  const doc = TextDocument.create(main.path, 'yaml', 0, main.text);
  const findings = project.diagnostics(main.path, DEFAULT_SETTINGS).map((f) => findingOut(doc, f, redact));
  const summary = counts(findings);
  const head = findings.length === 0
    ? `${main.display} (${kind}): no problems found.`
    : `${main.display} (${kind}): ${countLine(summary)}.`;
  return {
    text: [head, ...findingLines(main.display, findings)].join('\n'),
    structured: { file: main.display, kind, findings, summary },
  };
}

export function fix(raw: unknown): ToolResult {
  const args = object(raw);
  onlyKeys(args, ['text', 'fileName', 'kind', 'related']);
  const { main, related } = sources(args, true);
  const { project, kind, redact } = projectOf(main, related);
  const result = project.fixAll(main.path, DEFAULT_SETTINGS);
  const where = (f: RuleFinding, inText: string) => TextDocument.create(main.path, 'yaml', 0, inText).positionAt(f.span.start);
  const note = ({ finding, text: inText }: { finding: RuleFinding; text: string }) => {
    const at = where(finding, inText);
    return { rule: finding.rule, title: finding.fixes?.find((x) => x.preferred)?.title ?? '', line: at.line + 1, column: at.character + 1 };
  };
  const applied = result.applied.map(note);
  const clashed = result.clashed.map(note);
  const doc = TextDocument.create(main.path, 'yaml', 0, result.text);
  const remaining = project.diagnostics(main.path, DEFAULT_SETTINGS).map((f) => findingOut(doc, f, redact));
  const lines = clashed.length > 0
    ? [`${main.display}: nothing was changed: the fix for ${clashed[0].rule} at ${clashed[0].line}:${clashed[0].column} overlaps another fix; apply them one at a time.`]
    : [`${main.display} (${kind}): ${applied.length === 0 ? 'no safe fix applies' : `${applied.length} fix${applied.length === 1 ? '' : 'es'} applied`}; ${countLine(counts(remaining))} left.`,
      ...applied.map((a) => `fixed ${a.line}:${a.column} ${a.title} [${a.rule}]`)];
  lines.push('', 'The text after the fixes is in structured content "text" and below.', '---', result.text);
  return {
    text: lines.join('\n'),
    structured: { file: main.display, kind, text: result.text, changed: result.text !== main.text, fixes: applied, clashed, remaining, summary: counts(remaining) },
  };
}

export function explainRule(raw: unknown): ToolResult {
  const args = object(raw);
  onlyKeys(args, ['id']);
  if (typeof args.id !== 'string' || args.id.trim() === '') throw new ToolInputError('"id" must be a rule id such as "valkey-version".');
  const id = args.id.trim();
  const rule = RULES_BY_ID.get(id);
  if (!rule) {
    const guess = nearest(id, RULES.map((r) => r.id));
    throw new ToolInputError(`No rule is called "${id}"${guess ? `; did you mean "${guess}"?` : ''}. The ids are listed at ${ruleDocUrl('rules').replace(/#rules$/, '')}.`);
  }
  const example = RULE_EXAMPLES[id];
  const severities = Object.fromEntries(rule.kinds.map((k) => [k, defaultSeverity(rule, k)]));
  const structured = {
    id,
    kinds: rule.kinds,
    severity: severities,
    what: rule.summary,
    why: example?.why ?? null,
    example: example ? { fileName: example.fileName, text: example.text, related: example.related ?? [], needs: needsText(example) } : null,
    fix: rule.fix ?? null,
    docs: ruleDocUrl(id),
  };
  const kindName = (k: string) => fileKind(k as DocumentKind)?.plural ?? k;
  const lines = [
    `${id}: ${Object.entries(severities).map(([k, s]) => `${s} in ${kindName(k)}`).join(', ')}`,
    '',
    `What: ${rule.summary}`,
    ...(example ? [`Why: ${example.why}`] : []),
    `Fix: ${rule.fix ?? 'no automatic fix; the message says what to change.'}`,
    ...(example ? exampleLines(example) : []),
    '',
    `Documentation: ${ruleDocUrl(id)}`,
  ];
  return { text: lines.join('\n'), structured };
}

/** What a rule reads besides the texts, which a tool call cannot pass (a git remote, a file beside the zerops.yml). */
function needsText(ex: RuleExample): string | null {
  const parts: string[] = [];
  if (ex.needs?.remotes) parts.push(`the checked repository's git remote (${ex.needs.remotes.join(', ')}), which the editor and the CLI read from .git/config`);
  if (ex.needs?.files) parts.push(`the file${Object.keys(ex.needs.files).length > 1 ? 's' : ''} ${Object.keys(ex.needs.files).join(', ')} beside it, which the editor and the CLI read from disk`);
  return parts.length ? `It also reads ${parts.join(' and ')}.` : null;
}

function exampleLines(ex: RuleExample): string[] {
  const block = (name: string, text: string) => [`${name}:`, '```yaml', text.trimEnd(), '```'];
  return [
    '',
    ...block(`Example (${ex.fileName})`, ex.text),
    ...(ex.related ?? []).flatMap((r) => block(`checked with ${r.fileName}`, r.text)),
    ...(needsText(ex) ? [needsText(ex)!] : []),
  ];
}

function typeSummary(t: TypeInfo) {
  return { type: t.base, label: t.label, category: t.category, offered: t.offered, versions: t.versions.filter((v) => v !== '') };
}

const MODE_NAMES = { single: 'NON_HA', ha: 'HA' } as const;

function typeDetails(t: TypeInfo, version: string | undefined) {
  const ports = portsOfBase(t.base)?.ports ?? [];
  const nodes = t.base === VALKEY.type ? VALKEY.nodes : undefined;
  const modes = t.category === 'managed'
    ? (['single', 'ha'] as const).map((m) => ({
        mode: MODE_NAMES[m],
        typeVariant: t.variants.includes(m) ? `${t.base}:${m}${version ? `@${version}` : ''}` : null,
        ...(nodes ? { nodes: nodes[m] } : {}),
      }))
    : [];
  const variables = (variableListOf(t.base) ?? []).map((v) => ({
    name: v.name,
    description: v.description,
    secret: !!v.secret,
  }));
  return {
    ...typeSummary(t),
    alias: t.alias ?? null,
    spellings: { composite: t.composite, legacy: t.legacy },
    modes,
    ports: ports.map((p) => ({
      port: p.port, role: p.role, tls: p.tls, readOnly: p.readOnly, haOnly: p.haOnly, schemes: p.schemes,
      portVariable: p.portVar ?? null, urlVariable: p.urlVar ?? null,
    })),
    variables,
  };
}

export function catalog(raw: unknown): ToolResult {
  const args = object(raw);
  onlyKeys(args, ['type']);
  const asked = optionalString(args.type, 'type');
  if (asked === undefined) {
    const types = baseNames().map((b) => typeInfo(b)!).filter((t) => !t.alias || t.base < t.alias).map(typeSummary);
    const lines = types.map((t) => `${t.type} (${t.category}${t.offered ? '' : ', no longer offered'}): ${t.versions.join(', ') || 'no version'}`);
    return {
      text: [`Zerops service types known to zerops-lint ${VERSION}; ask with type for ports, modes and variables.`, ...lines].join('\n'),
      structured: { types },
    };
  }
  const name = splitType(asked.trim());
  const info = name && typeInfo(name.base);
  if (!name || !info) {
    const guess = nearest(asked.trim().split(/[@:]/)[0], baseNames());
    throw new ToolInputError(`"${asked}" is not a Zerops service type${guess ? `; did you mean "${guess}"?` : ''}. Call catalog without arguments for the list.`);
  }
  const version = name.version;
  if (version !== undefined && !info.versions.includes(version)) {
    throw new ToolInputError(`${info.label} has no version ${version}; Zerops offers ${info.versions.filter((v) => v !== '').join(', ') || 'no numbered version'}.`);
  }
  const d = typeDetails(info, version ?? info.versions.find((v) => v !== ''));
  const lines = [
    `${d.label} (${d.type}, ${d.category}${d.offered ? '' : ', no longer offered: do not create new services of it'}): versions ${d.versions.join(', ') || 'none numbered'}`,
    ...(d.modes.length ? [`Modes: ${d.modes.map((m) => `${m.mode}${m.typeVariant ? ` (${m.typeVariant})` : ''}${'nodes' in m ? `, ${m.nodes} node${m.nodes === 1 ? '' : 's'}` : ''}`).join('; ')}`] : []),
    ...d.ports.map((p) => `Port ${p.port}: ${p.role}${p.portVariable ? ` (\${<hostname>_${p.portVariable}})` : ''}`),
    ...(d.variables.length ? [`Variables: ${d.variables.map((v) => v.name + (v.secret ? ' (secret)' : '')).join(', ')}`] : []),
  ];
  return { text: lines.join('\n'), structured: d };
}

export function plan(raw: unknown): ToolResult {
  const args = object(raw);
  onlyKeys(args, ['files']);
  if (!Array.isArray(args.files) || args.files.length === 0) {
    throw new ToolInputError('"files" must be a non-empty list of { fileName, text }: the project import file and its zerops.yml files.');
  }
  if (args.files.length > MAX_RELATED) throw new ToolInputError(`"files" holds ${args.files.length} files; at most ${MAX_RELATED} are read.`);
  const seen = new Set<string>();
  const files = args.files.map((f, i) => {
    const item = object(f);
    onlyKeys(item, ['fileName', 'text']);
    const name = optionalString(item.fileName, `files[${i}].fileName`);
    if (name === undefined) throw new ToolInputError(`files[${i}] needs a "fileName".`);
    const path = virtualPath(name, `files[${i}].fileName`);
    if (seen.has(path)) throw new ToolInputError(`Two files are named "${name}"; give each file its own name.`);
    seen.add(path);
    return { fileName: path, display: name, text: text(item.text, `files[${i}].text`) };
  });
  const result = planProject(files);
  if (result.projects.length === 0) {
    throw new ToolInputError('None of the files is a project import file (services: with hostname and type); a plan starts from one. Name it like "zerops-project-import.yml".');
  }
  return { text: planText(result), structured: result as unknown as Record<string, unknown> };
}
