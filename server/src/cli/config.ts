import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Level } from '../rules/rule';
import { checkLevel } from './args';
import { ignoreRules, ioReason, type IgnoreRule } from './files';

// .zeropslintrc.json: {"rules": {"rule-id": "level"}, "ignore": ["glob", …]}. The nearest one above a
// file applies to it; they do not merge, so what a file gets is visible in one place. Ignore patterns
// follow .gitignore's syntax, relative to the folder of the config file.

export const CONFIG_NAME = '.zeropslintrc.json';

export interface Config {
  /** Absolute path of the file, or undefined when none was found. */
  path?: string;
  rules: Record<string, Level>;
  ignore: IgnoreRule[];
  /** `schemas`: a catalogue folder, as written (relative to the file's folder). */
  schemas?: string;
}

export class ConfigError extends Error {}

/** Reads and checks one config file; every problem is a ConfigError naming the file. */
export function parseConfig(path: string, text: string): Config {
  const fail = (why: string): never => {
    throw new ConfigError(`${path}: ${why}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('must be a JSON object like {"rules": {"valkey-mode-missing": "off"}}');
  const rules: Record<string, Level> = {};
  let ignore: IgnoreRule[] = [];
  let schemas: string | undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (key === 'ignore') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail('"ignore" must be a list of patterns like ["test/fixtures/**"]');
      ignore = ignoreRules(value as string[], dirname(path));
      continue;
    }
    if (key === 'schemas') {
      if (typeof value !== 'string' || value === '') fail('"schemas" must be the path of a catalogue folder, like "zerops-catalog"');
      schemas = value as string;
      continue;
    }
    if (key !== 'rules') fail(`unknown key "${key}" (only "rules", "ignore" and "schemas" are read)`);
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail('"rules" must be an object of rule id -> level');
    for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
      const problem = checkLevel(id, level);
      if (problem) fail(problem);
      rules[id] = level as Level;
    }
  }
  return { path, rules, ignore, ...(schemas !== undefined ? { schemas } : {}) };
}

/** Finds the config for files in `dir`, looking upward; each folder is read at most once per run. */
export class ConfigFinder {
  private readonly byDir = new Map<string, Config>();

  forDir(dir: string): Config {
    const known = this.byDir.get(dir);
    if (known) return known;
    let config: Config;
    const path = join(dir, CONFIG_NAME);
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const reason = ioReason(e);
      if (reason !== 'ENOENT' && reason !== 'ENOTDIR') throw new ConfigError(`${path}: cannot read (${reason})`);
    }
    if (text !== undefined) config = parseConfig(path, text);
    else {
      const parent = dirname(dir);
      config = parent === dir ? { rules: {}, ignore: [] } : this.forDir(parent);
    }
    this.byDir.set(dir, config);
    return config;
  }
}
