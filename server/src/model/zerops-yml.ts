import { isMap, type Document } from 'yaml';
import { envMapFromMap } from './parse';
import { asMap, asSeqItems, nodeSpan, pairOf, scalarValue } from './scalars';
import type { SetupModel, ZeropsModel } from './types';

// zerops.yml: a top-level `zerops:` list of setups, each with `build` and `run` sections. What the
// checks need from it are the env maps (where most Valkey connections are written) and the setup names.

const SECTIONS = [['build', 'build.envVariables'], ['run', 'run.envVariables']] as const;

function readSetup(text: string, node: NonNullable<ReturnType<typeof asMap>>, index: number): SetupModel {
  const setup: SetupModel = { index, node, span: nodeSpan(node) ?? { start: 0, end: 0 }, envMaps: [] };
  const name = pairOf(node, 'setup');
  if (name) setup.name = scalarValue(text, name.value);
  for (const [section, kind] of SECTIONS) {
    const body = asMap(pairOf(node, section)?.value);
    const env = body && pairOf(body, 'envVariables');
    if (!env) continue;
    const map = envMapFromMap(text, kind, env, undefined);
    map.setup = setup;
    setup.envMaps.push(map);
  }
  return setup;
}

/** Fills `model` with the setups of a zerops.yml document and the references and URLs in their env maps. */
export function readZeropsYml(text: string, doc: Document.Parsed, model: ZeropsModel): ZeropsModel {
  const root = asMap(doc.contents);
  if (!root) return model;
  for (const item of asSeqItems(pairOf(root, 'zerops')?.value)) {
    if (!isMap(item)) continue;
    const setup = readSetup(text, item, model.setups.length);
    model.setups.push(setup);
    for (const map of setup.envMaps) model.envMaps.push(map);
  }
  for (const map of model.envMaps) {
    for (const e of map.entries) {
      // One at a time: spreading a huge list into push() can overflow the call stack.
      for (const r of e.references) model.references.push(r);
      for (const u of e.urls) model.urls.push(u);
    }
  }
  return model;
}
