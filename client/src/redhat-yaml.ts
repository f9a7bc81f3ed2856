import { extensions, Uri, workspace, type Disposable, type TextDocument } from 'vscode';
import { CLAIMED_SCHEMA, CLAIMED_SCHEMA_URI, claims } from './claim';

// Beside Red Hat's YAML extension (redhat.vscode-yaml). Its server applies SchemaStore's Zerops schemas
// to zerops.yml and import files, and their false errors (bare bases, durations) land beside ours. Its
// extension API lets another extension name the schema of a file at run time, above settings,
// `yamlValidation` and SchemaStore (only a modeline or `$schema` in the file wins over it): for every file
// we answer for, we name an empty schema, so Red Hat's server checks only YAML syntax there and offers
// no schema hovers or completion. A folder with `zerops.enable: false` is not claimed: its files get
// Red Hat's schemas as before. Red Hat re-asks on each of its checks, so a change takes effect at its
// next check of the file (the next edit, or reopening it).

export const RED_HAT_YAML = 'redhat.vscode-yaml';

/** The part of Red Hat's extension API used here (vscode-yaml `ExtensionAPI.registerContributor`). */
interface RedHatYamlApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string,
    label?: string,
  ): boolean;
}

/** Classifications by document version: Red Hat asks on every check, and a large file is parsed only once per version. */
const cache = new Map<string, { version: number; claimed: boolean }>();

function openDocument(uri: string): TextDocument | undefined {
  return workspace.textDocuments.find((d) => d.uri.toString() === uri);
}

/** Whether our server answers for this resource (by Red Hat's URI string). */
export function claimed(resource: string): boolean {
  let uri: Uri;
  try {
    uri = Uri.parse(resource);
  } catch {
    return false;
  }
  const enabled = workspace.getConfiguration('zerops', uri).get<boolean>('enable', true);
  const doc = openDocument(resource);
  if (!doc) return claims({ uri: resource, enabled });
  const hit = cache.get(resource);
  if (hit && hit.version === doc.version && enabled) return hit.claimed;
  const result = claims({ uri: resource, text: doc.getText(), enabled });
  if (enabled) cache.set(resource, { version: doc.version, claimed: result });
  return result;
}

/** Whether Red Hat's YAML server checks `uri` for YAML syntax (installed, active, `yaml.validate` on). */
export function redHatValidates(uri: Uri): boolean {
  return !!extensions.getExtension(RED_HAT_YAML)?.isActive && workspace.getConfiguration('yaml', uri).get<boolean>('validate', true);
}

/**
 * Registers the claim with Red Hat's extension when it is installed, now or later. Returns what to
 * dispose on deactivation (the listeners; Red Hat's API has no way to unregister a contributor).
 */
export function besideRedHatYaml(log: (line: string) => void): Disposable[] {
  let registered = false;
  const tryRegister = async () => {
    const ext = extensions.getExtension<RedHatYamlApi>(RED_HAT_YAML);
    if (!ext || registered) return;
    registered = true;
    try {
      const api = ext.isActive ? ext.exports : await ext.activate();
      if (typeof api?.registerContributor !== 'function') throw new Error('its API has no registerContributor');
      api.registerContributor('zerops', (resource) => (claimed(resource) ? CLAIMED_SCHEMA_URI : undefined), () => CLAIMED_SCHEMA);
      log(`Zerops files are checked by this extension; ${RED_HAT_YAML} checks only their YAML syntax.`);
    } catch (err) {
      log(`Could not hand Zerops files over from ${RED_HAT_YAML}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  void tryRegister();
  return [
    extensions.onDidChange(() => void tryRegister()),
    workspace.onDidCloseTextDocument((d) => cache.delete(d.uri.toString())),
  ];
}
