// The plan's shape (docs/plan.md), on its own with no imports: the JSON `zerops-lint plan` prints, what the
// `zerops/plan` request answers, and what the editor preview's page reads (client/src/webview/).

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const PLAN_VERSION = 1;

export interface PlanInput {
  /** A path or URI: decides the kind with the content, and which zerops.yml files go with which import file. */
  fileName: string;
  text: string;
  /** Rule levels for the findings' counts (default: every rule at its default level). */
  settings?: { enable: boolean; rules: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'> };
  /** How the plan names the file (default: fileName). */
  display?: string;
}

export interface PlanOptions {
  /** Plan only the project this file (an import file or a zerops.yml) belongs to. */
  only?: string;
}

export interface Plan {
  version: number;
  projects: PlanProject[];
}

export interface PlanProject {
  file: string;
  project: { name: string | null };
  /** The zerops.yml files that belong to the project. */
  zeropsYml: string[];
  services: PlanService[];
  connections: PlanConnection[];
  findings: PlanFindings;
}

export type PlanCategory = 'runtime' | 'static' | 'managed' | 'object-storage' | 'shared-storage' | 'unknown';

export interface PlanService {
  hostname: string | null;
  /** 1-based line of the service in the import file. */
  line: number;
  /** As written. */
  type: string | null;
  /** The composite spelling it means (`valkey:ha@7.2`); null for an unknown type. */
  canonicalType: string | null;
  category: PlanCategory;
  /** Managed services and shared storage: `ha` or `single`; null for the others. */
  mode: 'ha' | 'single' | null;
  /** Nodes of a managed service (3 for HA, 1 single); null where containers scale or no source says. */
  nodes: number | null;
  minContainers: number | null;
  maxContainers: number | null;
  verticalAutoscaling: Record<string, number | string | boolean> | null;
  profile: string | null;
  /** Runtimes: the zerops.app subdomain and the HTTP ports their setup publishes. */
  public: { subdomain: boolean; httpPorts: number[] } | null;
  objectStorage: { size: number | null; policy: string | null } | null;
  /** Runtimes: the setup they build with (`zeropsSetup`, else the hostname) and where it is; file null when none of the files has it. */
  setup: { name: string; file: string | null; line: number | null; inline: boolean } | null;
  buildFromGit: string | null;
  /** The setup's bases as written. */
  bases: { build: string[]; run: string | null } | null;
  /** Names of the variables the service gives others (its type's list, or its setup's run.envVariables). */
  variables: string[];
  /** Names of the secret variables it gets; `generated` when the preprocessor makes the value. */
  secrets: { name: string; generated: boolean }[];
  /** What Zerops drops or ignores of what the service asks for. */
  dropped: { key: string; reason: string }[];
}

export interface PlanConnection {
  /** A hostname, or `project` for project.envVariables. */
  from: string;
  to: string;
  port: number | null;
  /** `read/write`, `read-only replicas`, `…, TLS`, or without a port `credentials`, `URL`, `reference`. */
  role: string;
  /** The variable the connection goes through, on the `from` side. */
  variable: string;
  /** The variables of `to` it references. */
  through: string[];
  /** Where the variable is: `envSecrets`, `dotEnvSecrets`, `project`, or a zerops.yml `build` or `run`. */
  section: 'envSecrets' | 'dotEnvSecrets' | 'project' | 'build' | 'run';
}

export interface PlanFinding {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  rule: string;
  message: string;
}

export interface PlanFindings {
  errors: number;
  warnings: number;
  /** info and hint */
  others: number;
  /** Errors first, then warnings, then the rest; in file order within each. */
  items: PlanFinding[];
}

/** The language server's answer to `zerops/plan` ({ uri }): the project of that document, for the editor preview. */
export interface PlanAnswer {
  version: number;
  project: PlanProject;
  /** The project's diagram (`zerops-lint plan --format mermaid` of it alone). */
  mermaid: string;
  /** The diagram's node id of each service, in the order of `project.services`. */
  nodeIds: string[];
  /** The URI of each file as the plan names it. */
  uris: Record<string, string>;
}
