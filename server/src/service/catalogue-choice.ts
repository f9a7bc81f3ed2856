import { catalogueDescription } from '../catalog/tables';

// Which catalogue an editor's server uses: the built-in one, unless the client names a catalogue folder
// (`schemas` in the initialization options: the `zerops.schemas` setting in VS Code) or the process was
// started with `--schemas DIR`. Chosen once, before any document is checked; the client restarts the
// server when the setting changes. A folder that cannot be used is said, and the built-in catalogue stays.

/**
 * A catalogue folder, where the front end can read one: the Node process, not the web worker. `use` puts
 * the folder in use and returns undefined, or says why it cannot be used (the catalogue in use stays);
 * `update` is the editor's "Zerops: Update Catalogue", run only when the user confirmed it.
 */
export interface CatalogueSupport {
  use(dir: string): string | undefined;
  update(params: { out: string; base?: string }): Promise<unknown>;
  /** The folder named on the command line (`--schemas DIR`), used when the client names none. */
  fromArgument?: string;
}

/** Puts the requested folder in use, if any; says which catalogue is in use and, as a warning, why a folder could not be. */
export function useRequestedCatalogue(fromClient: unknown, support: CatalogueSupport | undefined): { info: string; warning?: string } {
  const dir = typeof fromClient === 'string' && fromClient !== '' ? fromClient : support?.fromArgument;
  const problem = !dir ? undefined : support ? support.use(dir) : 'this build of the server reads no folders (the web worker)';
  const info = `Zerops catalogue in use: ${catalogueDescription()}`;
  return problem ? { info, warning: `Zerops: the catalogue folder cannot be used: ${problem}. The built-in catalogue stays in use.` } : { info };
}
