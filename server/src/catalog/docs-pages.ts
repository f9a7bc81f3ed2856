import type { SchemaKind } from './schema';

// The page of Zerops' documentation that describes a key, for document links and hovers. Import-file keys
// are all described on one page (references/import); zerops.yml keys on the specification page, where a
// key with a heading of its own gets that section's anchor (the site's headings are `### key <Badge/>`,
// whose anchor is the key in lowercase and a dash, as `#healthcheck-` in Zerops' own recipes). A key that
// heads two sections (`base` under build and under run) links to the page only.

const IMPORT_DOCS = 'https://docs.zerops.io/references/import';
const ZEROPS_YML_DOCS = 'https://docs.zerops.io/zerops-yaml/specification';

/** zerops.yml keys with one section each on the specification page, by the level they sit at. */
const ZY_SECTIONS: Readonly<Record<string, readonly string[]>> = {
  setup: ['setup', 'extends'],
  build: ['buildCommands', 'deployFiles', 'cache', 'addToRunPrepare'],
  deploy: ['temporaryShutdown', 'readinessCheck'],
  run: ['ports', 'initCommands', 'start', 'startCommands', 'documentRoot', 'siteConfigPath', 'envReplace', 'routing', 'healthCheck'],
};
/** Keys described on the specification page, in more than one section. */
const ZY_SHARED: Readonly<Record<string, readonly string[]>> = {
  build: ['base', 'os', 'prepareCommands', 'envVariables'],
  run: ['base', 'os', 'prepareCommands', 'envVariables'],
};

/** The documentation page of a zerops.yml key at `level` (`setup`, `build`, `run` …), or undefined. */
function zeropsYmlDocsPage(level: string, key: string): string | undefined {
  if (ZY_SECTIONS[level]?.includes(key)) return `${ZEROPS_YML_DOCS}#${key.toLowerCase()}-`;
  if (ZY_SHARED[level]?.includes(key)) return ZEROPS_YML_DOCS;
  return undefined;
}

/** Each kind's documentation: what its page is called, and the page (with an anchor) describing a key at a level. */
const KIND_DOCS: Readonly<Record<SchemaKind, { title: string; page(level: string, key: string): string | undefined }>> = {
  // Import keys all share one page.
  import: { title: "Zerops' import reference", page: () => IMPORT_DOCS },
  'zerops-yml': { title: "Zerops' zerops.yml specification", page: zeropsYmlDocsPage },
};

/** The documentation page of a key of a kind, or undefined. */
export function keyDocsPage(kind: SchemaKind, level: string, key: string): string | undefined {
  return KIND_DOCS[kind].page(level, key);
}

/** What the documentation page of a kind is called: where a link to it leads. */
export function docsTitle(kind: SchemaKind): string {
  return KIND_DOCS[kind].title;
}
