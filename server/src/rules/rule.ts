import type { DocumentKind, ServiceModel, Span, ZeropsModel } from '../model/types';
import { fileKind } from '../model/kind';
import { checkedSetups, isDeployable, type ResolvedSetup } from '../model/zerops-yml';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Level = Severity | 'off';

/** Every level a setting, a config file or `--rule` may give a rule, strongest first. */
export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface OffsetEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /** The safe, obvious fix: editors apply it on "fix all", the CLI on --fix. */
  preferred?: boolean;
}

export interface Finding {
  span: Span;
  message: string;
  fixes?: Fix[];
  related?: { span: Span; message: string }[];
  /** Rendered faded (unnecessary) or struck through (deprecated) by editors that support it. */
  tags?: ('unnecessary' | 'deprecated')[];
  /** Where one rule reports at two levels (an unknown override key is only a warning). */
  severity?: Severity;
}

export interface RuleFinding extends Finding {
  rule: string;
  severity: Severity;
}

export type Report = (finding: Finding) => void;

/**
 * Analysis several rules share (which env values connect to which Valkey, say) is computed at most once
 * per model: `ctx.memo(key, compute)` keeps it for the rest of the run.
 */
export interface RuleContext {
  model: ZeropsModel;
  /**
   * Services other files of the workspace define (its import files), one per hostname. A zerops.yml
   * defines none of its own, so its connection and reference checks read these; absent or empty, the
   * checks that need a service stay silent. Their spans belong to other texts: never report them.
   */
  external?: readonly ServiceModel[];
  /**
   * The git repository the checked file is in: its remote URLs as `.git/config` lists them (read from
   * disk by the server or CLI; no process is started). Absent when unknown: checks that compare an
   * import's `buildFromGit` with this repository then stay silent.
   */
  repository?: RepositoryInfo;
  /** The checked file's own name, and those of the other Zerops files in its folder (`zerops.yaml` beside `zerops.yml`). */
  fileName?: string;
  siblings?: readonly string[];
  /** The files of the repository around the checked file (see FileAccess); absent when there is none to read. */
  files?: FileAccess;
  /**
   * The setup names of the zerops.yml at the root of the checked file's git work tree (the one a build
   * from git reads), from the workspace index; absent when there is no such file or no work tree is known.
   */
  repositorySetups?: readonly string[];
  memo<T>(key: string, compute: (model: ZeropsModel) => T): T;
}

export interface RepositoryInfo {
  remotes: readonly string[];
}

/**
 * Read-only access to the files beside the checked file, for the checks that look at a file it names
 * (a zerops.yml's `siteConfigPath`). Given by the server (inside the workspace folder) and the CLI (inside
 * the repository); absent for an untitled document or a file outside any of them.
 */
export interface FileAccess {
  /**
   * The text of the file at `path`, relative to the checked file's folder; `'missing'` when nothing is
   * there; undefined when that cannot be told or may not be read (outside the root, through a link, too
   * large, not a regular file, an error). Never throws.
   */
  read(path: string): string | 'missing' | undefined;
}

/** What the workspace knows around the checked file, beyond its services (see RuleContext). */
export interface FileContext {
  repository?: RepositoryInfo;
  fileName?: string;
  siblings?: readonly string[];
  files?: FileAccess;
  repositorySetups?: readonly string[];
}

/** What every rule declares: its id, levels, documentation, the kinds of file it reads and what it depends on. */
export interface RuleMeta {
  id: string;
  /** The default level; `severityByKind` overrides it for a kind of file. */
  severity: Severity;
  /**
   * A default level per file kind where it differs from `severity`: an unknown key fails an import but is
   * ignored in zerops.yml, so `schema-unknown-key` is an error in one and a warning in the other.
   */
  severityByKind?: Partial<Record<DocumentKind, Severity>>;
  /** One line for the rule table in the README and docs/rules.md. */
  summary: string;
  /** What the fix does, for the rule table; omitted when there is none. */
  fix?: string;
  /** The document kinds the rule reads. */
  kinds: readonly DocumentKind[];
  /**
   * For a rule that reads zerops.yml: whether it also runs on an import file's inline `zeropsYaml`, which is
   * checked as that service's zerops.yml (default true). False for text scans of a whole file and for checks
   * that need every service of the workspace, where an inline setup sees only the service that holds it.
   */
  inline?: boolean;
  /** Whether it runs on a file too large to analyse (`model.skipped`), which the other rules skip. */
  checksSkipped?: boolean;
  /**
   * What the rule reads beyond the services or setups it is run on, so the incremental checker knows when
   * to run it again:
   * - `project`: an import file's `project:` section (its env variables): run again on every service when
   *   that section changes;
   * - `files`: the files around the checked one (`ctx.files`): run on every check, since they change unseen.
   */
  dependsOn?: readonly Dependency[];
}

export type Dependency = 'project' | 'files';

/** A rule's check: it reads `ctx` and reports what it finds. */
export type Check = (ctx: RuleContext, report: Report) => void;

/** A per-setup rule's check: one resolved setup (`sectionsOf` gives its typed build, deploy and run), with the context around it. */
export type SetupCheck = (setup: ResolvedSetup, report: Report, ctx: RuleContext) => void;

/**
 * A rule whose findings about a service (an import file's service, or in a zerops.yml a setup as written)
 * depend only on that service and on the hostnames, types and modes of the services it names. The
 * incremental checker calls it with the services to check: `ctx.model.services`, `envMaps`, `references`
 * and `urls` hold only those (and the project's env map when it changed), while `ctx.model.byHostname` and
 * `ctx.external` know every service.
 */
interface PerService {
  perService: Check;
  perSetup?: never;
  templates?: never;
  perDocument?: never;
  /**
   * Something of the file as a whole the rule also reads, as a string: when it changes, the incremental
   * checker runs the rule on every service again.
   */
  fileContext?(text: string): string;
}

/**
 * A zerops.yml rule whose findings about a setup depend only on that setup with its `extends` chain
 * resolved, plus what `dependsOn` says: the incremental checker checks a setup together with its parents,
 * the setups extending it and those of the same name (the first of a name is the one used). The
 * checker calls it once per setup to check, deployable ones only unless `templates` says otherwise, and
 * reports a finding once when several setups give it (a parent's text is merged into each child).
 */
interface PerSetup {
  perSetup: SetupCheck;
  /**
   * Also called on the setups that do not deploy themselves: templates (named in another's `extends`) and
   * setups on an `extends` cycle. For checks of a setup's own text, which is wrong whoever inherits it.
   */
  templates?: boolean;
  perService?: never;
  perDocument?: never;
  fileContext?: never;
}

/**
 * A rule whose findings depend on the file as a whole (its size, its first line, text scans across
 * services, comments, setups compared with each other): it runs on every check, with the whole model.
 */
interface PerDocument {
  perDocument: Check;
  perService?: never;
  perSetup?: never;
  templates?: never;
  fileContext?: never;
}

export type PerServiceRule = RuleMeta & PerService;
export type PerSetupRule = RuleMeta & PerSetup;
export type PerDocumentRule = RuleMeta & PerDocument;

/** Each rule runs one way (as oxlint's `run` and `run_once`), so no rule can leave it unsaid. */
export type Rule = PerServiceRule | PerSetupRule | PerDocumentRule;

/** What a rule file writes: `kinds` defaults to import files. */
export type RuleDefinition = Omit<RuleMeta, 'kinds'> & { kinds?: readonly DocumentKind[] } & (PerService | PerSetup | PerDocument);

const IMPORT_ONLY: readonly DocumentKind[] = ['import'];

/** Defines a rule where its logic is, with its metadata beside it (kinds default to `['import']`). */
export function defineRule(definition: RuleDefinition): Rule {
  return { ...definition, kinds: definition.kinds ?? IMPORT_ONLY };
}

/** One check per kind of file, for a rule whose id both kinds share. */
export function byKind(checks: Partial<Record<DocumentKind, Check>>): Check {
  return (ctx, report) => checks[ctx.model.kind]?.(ctx, report);
}

export function isPerDocument(rule: Rule): rule is PerDocumentRule {
  return typeof rule.perDocument === 'function';
}

export function isPerSetup(rule: Rule): rule is PerSetupRule {
  return typeof rule.perSetup === 'function';
}

/** Whether a rule runs on an import file's inline `zeropsYaml` (see RuleMeta.inline). */
export function runsInline(rule: Rule): boolean {
  return rule.kinds.includes('zerops-yml') && rule.inline !== false;
}

/** Runs a rule the way its shape says it runs (the checker decides what model it passes). */
export function runRule(rule: Rule, ctx: RuleContext, report: Report): void {
  if (isPerDocument(rule)) rule.perDocument(ctx, report);
  else if (isPerSetup(rule)) runPerSetup(rule, ctx, report);
  else rule.perService(ctx, report);
}

/** The setups of the model to check (all, or those of the checker's cut), resolved through `extends`. */
export function setupsToCheck(ctx: RuleContext): readonly ResolvedSetup[] {
  return ctx.memo('zy-resolved', checkedSetups);
}

/** Reports each finding once: the same span and message from a second setup (a parent's text merged into each child) is dropped. */
export function onceReporter(report: Report): Report {
  const seen = new Set<string>();
  return (f) => {
    const key = `${f.span.start}:${f.span.end}:${f.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(f);
  };
}

/**
 * Calls a per-setup rule on each setup to check. A finding about a child often sits in its parent's text,
 * so several setups can give the same one: it is reported once (same span and message).
 */
function runPerSetup(rule: PerSetupRule, ctx: RuleContext, report: Report): void {
  const setups = setupsToCheck(ctx);
  if (!setups.length) return;
  const once = onceReporter(report);
  for (const r of setups) if (rule.templates || isDeployable(r)) rule.perSetup(r, once, ctx);
}

/** The default level of `rule` in a file of `kind`. */
export function defaultSeverity(rule: Rule, kind: DocumentKind): Severity {
  return rule.severityByKind?.[kind] ?? rule.severity;
}

/** `error` or `error (zerops.yml: warning)`: a rule's default levels, as the docs show them. */
export function severityLabel(rule: Rule): string {
  const others = Object.entries(rule.severityByKind ?? {}).filter(([, s]) => s !== rule.severity);
  if (!others.length) return rule.severity;
  const name = (k: string) => fileKind(k as DocumentKind)?.plural ?? k;
  return `${rule.severity} (${others.map(([k, s]) => `${name(k)}: ${s}`).join(', ')})`;
}
