import { host, middleGroup } from './generate';

// Where the benchmark edits and asks, in a generated file: the services of the middle group, so neither
// the start nor the end of the file flatters a piece-by-piece implementation.

export interface Busy {
  /** Inside `password` of `${cacheN_password}` in the middle `web` service (hover). */
  reference: number;
  /** Just after `${cacheN_` there (completion offers the variables of cacheN). */
  referenceVariable: number;
  /** Inside the `6379` of the middle `api` service's SESSION_URL. */
  port: number;
}

export interface ValueEdit {
  /** 0-based line and the value's columns on it: an LSP range without counting lines again. */
  line: number;
  start: number;
  end: number;
  /** The same as text offsets. */
  offset: number;
  length: number;
}

function after(text: string, from: number, needle: string): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`the generated file has no ${needle} after offset ${from}`);
  return at;
}

const serviceStart = (text: string, hostname: string) => after(text, 0, `- hostname: ${hostname}\n`);

export function busyPositions(text: string, services: number): Busy {
  const g = middleGroup(services);
  const ref = after(text, serviceStart(text, host('web', g)), `\${${host('cache', g)}_password}`);
  const port = after(text, serviceStart(text, host('api', g)), ':6379') + 1;
  const variable = ref + `\${${host('cache', g)}_`.length;
  return { reference: variable + 3, referenceVariable: variable, port: port + 2 };
}

/** The value of LOG_LEVEL in the middle `api` service: the one-line edit. */
export function logLevelValue(text: string, services: number): ValueEdit {
  const key = 'LOG_LEVEL: ';
  return valueEditAt(text, after(text, serviceStart(text, host('api', middleGroup(services))), key) + key.length);
}

/** The value of LOG_LEVEL in the `project:` section's env variables: the one-line edit in the project. */
export function projectLogLevelValue(text: string): ValueEdit {
  const key = 'LOG_LEVEL: ';
  const at = after(text, text.indexOf('project:'), key);
  if (at > text.indexOf('\nservices:')) throw new Error('the generated file has no LOG_LEVEL in its project section');
  return valueEditAt(text, at + key.length);
}

/** The rest of the line from `at`, as an edit. */
export function valueEditAt(text: string, at: number): ValueEdit {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  return { line, start: at - lineStart, end: end - lineStart, offset: at, length: end - at };
}

export const replaceValue = (text: string, v: ValueEdit, value: string) => text.slice(0, v.offset) + value + text.slice(v.offset + v.length);

/** The values the edit alternates between: each sample is a real change from the one before. */
export const EDIT_VALUES = ['debug', 'warn'] as const;
