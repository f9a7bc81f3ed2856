import type { TreeDocument, TreeMap, TreeNode, TreePair, TreeScalar } from './tree';

/** A half-open range of UTF-16 offsets into the document text, the unit LSP positions count in. */
export interface Span {
  start: number;
  end: number;
}

/** A scalar value with the span of its content (inside the quotes, if any). */
export interface ScalarValue {
  /** The decoded value as YAML reads it (string, number, boolean, null). */
  value: unknown;
  /** The scalar's source text between its delimiters. */
  source: string;
  /** Where `source` starts and ends. */
  span: Span;
  /** The whole node, quotes included. */
  nodeSpan: Span;
  /** True when `source` is exactly the decoded string, so offsets inside the value are source offsets. */
  verbatim: boolean;
  node: TreeScalar;
}

/** `[os/]base[:variant][@version]`, e.g. `valkey:ha@7.2`, `alpine/nodejs@22`, `shared-storage:single`. */
export interface ServiceType {
  raw: string;
  base: string;
  os?: string;
  variant?: string;
  version?: string;
  /** Spans of the parts, present when the scalar is verbatim. */
  baseSpan?: Span;
  variantSpan?: Span;
  versionSpan?: Span;
  value: ScalarValue;
}

export type EnvMapKind = 'project.envVariables' | 'envSecrets' | 'dotEnvSecrets' | 'envVariables'
  | 'build.envVariables' | 'run.envVariables';

export interface EnvEntry {
  key: string;
  keySpan: Span;
  /** Decoded value. */
  value: unknown;
  /** Source text of the value and where it starts; references and URLs are found in it. */
  source: string;
  sourceStart: number;
  /** Span of the value as written (quotes included). */
  valueSpan: Span;
  map: EnvMap;
  references: Reference[];
  urls: UrlRef[];
}

export interface EnvMap {
  kind: EnvMapKind;
  /** The service that owns the map, or undefined for project.envVariables. */
  service?: ServiceModel;
  /** In a zerops.yml: the setup whose build or run section holds the map. */
  setup?: SetupModel;
  keySpan: Span;
  entries: EnvEntry[];
}

/** `${host_variable}`; `host` is empty for a same-service `${variable}`. */
export interface Reference {
  host: string;
  variable: string;
  span: Span;
  hostSpan: Span;
  variableSpan: Span;
  entry: EnvEntry;
}

/** A URL of one of the service schemes (model/references.ts URL_SCHEMES) written out in a value. */
export interface UrlRef {
  scheme: string;
  schemeSpan: Span;
  /** The part before `@`, if any. */
  userinfo?: string;
  userinfoSpan?: Span;
  host: string;
  hostSpan: Span;
  /** The hostname the host part names, if it names one: `cache`, `cache.zerops`, `${cache_hostname}`. */
  hostname?: string;
  port?: string;
  portSpan?: Span;
  /** Scheme to the end of the port (or host): what a connection-string variable replaces. */
  authoritySpan: Span;
  span: Span;
  entry: EnvEntry;
}

export interface ServiceModel {
  index: number;
  node: TreeMap;
  span: Span;
  hostname?: ScalarValue;
  type?: ServiceType;
  /** `scalar`: the value is a scalar (a string, a number, null); `tagged`: one with an explicit tag (`!!str HA`). */
  mode?: { pair: TreePair; value: ScalarValue | undefined; keySpan: Span; node: TreeNode | null; scalar: boolean; tagged: boolean };
  profile?: ScalarValue;
  profileOverrides?: { pair: TreePair; node: TreeNode | null };
  typePair?: TreePair;
  envMaps: EnvMap[];
  /**
   * An import file's inline `zeropsYaml`, when it is a map: its setups, read by the parser as a zerops.yml's
   * are (model/zerops-yml.ts `inlineZeropsOf` makes the zerops.yml model the checks and features read).
   */
  zeropsYaml?: { node: TreeMap; setups: SetupModel[] };
}

/** One entry of a zerops.yml `zerops:` list: a build and run recipe, named by `setup`. */
export interface SetupModel {
  index: number;
  node: TreeMap;
  span: Span;
  name?: ScalarValue;
  /** `build.envVariables` and `run.envVariables`, those present, in that order. */
  envMaps: EnvMap[];
  /** The setups named by `extends` (one scalar or a list), as written. */
  extends?: ScalarValue[];
  extendsPair?: TreePair;
}

export type DocumentKind = 'import' | 'zerops-yml' | 'other';

export interface ParseError {
  span: Span;
  message: string;
  code: string;
}

export interface ZeropsModel {
  kind: DocumentKind;
  text: string;
  /**
   * Every document in the stream, as tree shapes; the model reads the first one. model/ keeps the
   * library's documents behind this (model/parsed.ts), so nothing above it can reach them.
   */
  documents: readonly TreeDocument[];
  errors: ParseError[];
  /** When set, the file was not analysed at all and this says why. */
  skipped?: 'too-large';
  services: ServiceModel[];
  /** The setups of a zerops.yml; empty for an import file. */
  setups: SetupModel[];
  /** Services by hostname; several when a hostname is repeated. */
  byHostname: Map<string, ServiceModel[]>;
  envMaps: EnvMap[];
  references: Reference[];
  urls: UrlRef[];
  lineBreak: '\n' | '\r\n';
  /**
   * Set on the cut-down model the incremental checker runs a zerops.yml's rules on: the setups to check,
   * and whether the document's head (what precedes the setups) is checked too. `setups` still holds every
   * setup, for `extends` and names; the env maps, references and URLs are those of the setups to check.
   */
  part?: { setups: ReadonlySet<SetupModel>; head: boolean };
}
