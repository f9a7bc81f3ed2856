import { DOCUMENTED_DIRECTIVES, preprocessorOn } from '../model/directive';
import { hostnameOfHost } from '../model/references';
import type { EnvEntry, Span, ZeropsModel } from '../model/types';
import { keyWords } from '../util/words';
import { replace } from './edits';
import { defineRule, type Fix, type OffsetEdit, type Rule } from './rule';

// Secrets written into an import file end up in version control. Three shapes are recognised, as the
// established scanners decide (a keyword in the name plus a random-looking value; a well-known token
// format whatever the name): a password spelled out in a connection URL (`postgresql://app:hunter2@db`),
// a random-looking literal in a secret map under a key that names a secret (`APP_KEY`, `DB_PASSWORD`),
// and a value of a known token format under any key (`ghp_…`, `AKIA…`, a PEM private key, a JWT).
// Model names, dates, versions and image references are not secrets, whatever their randomness.
// Messages never repeat the value: the point is to stop spreading it.

/** `scheme://user:password@host`; each part bounded so no input makes the scan quadratic. The password may
 * not hold `<`, so a `<@…>` call there is never mistaken for the end of the user part. */
const URL_WITH_PASSWORD = /\b([a-z][a-z0-9+.-]{0,20}):\/\/([^\s:@/<]{0,200}):([^\s@/<]{1,500})@([^\s/:?#@]{1,300})/gi;

/** A value that only names what belongs there: `<password>`, `***`, `xxx`, `...`. */
const PLACEHOLDER = /^(?:<[^>]*>|\*+|x+|\.+|_+)$/i;

/** Below this length a literal is more likely a name or a setting than a generated secret. */
export const MIN_SECRET_LENGTH = 16;
/** Bits per character; random base62 or hex scores 3.7–5.5, words and identifiers far less once long. */
const MIN_ENTROPY = 3.5;

const GENERATE = (length: number) => `<@generateRandomString(<${length}>)>`;
const DIRECTIVE_LINE = DOCUMENTED_DIRECTIVES[0];

/** Words of a key that say it holds a secret (`DB_PASSWORD`, `appKey`, `SENTRY_DSN`, `JWT_SECRET`). */
const SECRET_WORDS = new Set([
  'key', 'apikey', 'secret', 'secrets', 'token', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'auth',
  'credential', 'credentials', 'creds', 'private', 'dsn', 'signature', 'salt', 'pepper', 'hmac', 'jwt',
]);
/** Words that make a secret-sounding key public after all (`STRIPE_PUBLISHABLE_KEY`, `KEY_ID`). */
/** Words anywhere in a key that say its value is meant to be seen (`NEXT_PUBLIC_…`, `…_ANON_KEY`). */
const PUBLIC_SIDE = new Set(['public', 'publishable', 'anon']);
const PUBLIC_WORDS = new Set(['public', 'publishable', 'pub', 'id', 'name', 'file', 'path', 'url', 'host', 'length', 'ttl', 'expiry', 'expires']);

export function namesSecret(key: string): boolean {
  const words = keyWords(key);
  return words.some((w) => SECRET_WORDS.has(w)) && !PUBLIC_WORDS.has(words[words.length - 1]) && !words.some((w) => PUBLIC_SIDE.has(w));
}

/** Formats that are secrets under any name; each ends in a random part long enough to rule out examples. */
const TOKEN_SHAPES: readonly { name: string; re: RegExp }[] = [
  { name: 'a Stripe secret key', re: /\b[sr]k_live_[0-9A-Za-z]{20,}/ },
  { name: 'a GitHub token', re: /\bgh[pousr]_[0-9A-Za-z]{36,}/ },
  { name: 'a GitHub token', re: /\bgithub_pat_[0-9A-Za-z_]{40,}/ },
  { name: 'a GitLab token', re: /\bglpat-[0-9A-Za-z_-]{20,}/ },
  { name: 'a Slack token', re: /\bxox[bpas]-[0-9A-Za-z-]{20,}/ },
  { name: 'an AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'an Anthropic or OpenAI API key', re: /\bsk-(?:ant-|proj-)?[0-9A-Za-z_-]{32,}/ },
  { name: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}/ },
  { name: 'a private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { name: 'a JSON Web Token', re: /\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{16,}/ },
];

/**
 * The known token format the value has, if any. The random part must look random (digits and letters,
 * not one repeated character as in `ghp_xxxx…`); a key that says the value is public
 * (`SUPABASE_ANON_KEY`, a JWT meant for browsers) takes it out.
 */
export function tokenShape(value: string, key = ''): string | undefined {
  // Every value of the file comes here: one scan for any prefix before the formats one by one.
  if (value.length < 20 || value.length > 65536 || !ANY_SHAPE.test(value) || !isLiteral(value)) return undefined;
  if (keyWords(key).some((w) => PUBLIC_SIDE.has(w))) return undefined;
  for (const { name, re } of TOKEN_SHAPES) {
    const m = re.exec(value);
    if (m && (name === 'a private key' || (entropy(m[0]) >= 3 && /\d/.test(m[0]) && /[A-Za-z]/.test(m[0])))) return name;
  }
  return undefined;
}

/** The prefixes of TOKEN_SHAPES, in one pattern. */
const ANY_SHAPE = /[sr]k_live_|gh[pousr]_|github_pat_|glpat-|xox[bpas]-|AKIA|ASIA|sk-|AIza|PRIVATE KEY-----|eyJ/;

/** An image reference (`ghcr.io/org/app:1.2@sha256:…`): its digest is random, but it names a public thing. */
const IMAGE_REF = /^[a-z0-9][a-z0-9.-]*(?::\d+)?(?:\/[a-z0-9._-]+)+(?::[A-Za-z0-9._-]+)?(?:@sha256:[0-9a-f]{64})?$/;

function isLiteral(s: string): boolean {
  return !s.includes('${') && !s.includes('<@');
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

/** How often the character class (lower, upper, digit, other) changes: words with a year change twice, random text every few characters. */
function classSwitches(s: string): number {
  const cls = (ch: string) => (/[a-z]/.test(ch) ? 0 : /[A-Z]/.test(ch) ? 1 : /[0-9]/.test(ch) ? 2 : 3);
  let n = 0;
  for (let i = 1; i < s.length; i++) if (cls(s[i]) !== cls(s[i - 1])) n++;
  return n;
}

/**
 * A part of a value between `-`, `_` or `.` that reads as a word, a number or a short tag (`claude`,
 * `20240229`, `v2`, `4o`), not as random text.
 */
function wordLike(part: string): boolean {
  return part.length <= 4 || /^[A-Za-z][a-z]*$|^[A-Z]+$|^\d+$/.test(part) || (part.length <= 10 && /^[a-z]+\d+[a-z]?$|^\d+[a-z]+$/i.test(part));
}

/**
 * Long, one token, letters and digits interleaved, high entropy, and not a URL, address, path, e-mail,
 * image reference, or words joined by `-`, `_` or `.` (model names, dates, versions).
 */
export function looksRandom(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH || value.length > 4096 || /\s/.test(value)) return false;
  if (!isLiteral(value) || PLACEHOLDER.test(value) || value.includes('://') || value.includes('@') || value.startsWith('/')) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (IMAGE_REF.test(value) || value.split(/[-_.:]/).every(wordLike)) return false;
  return entropy(value) >= MIN_ENTROPY && classSwitches(value) * 5 >= value.length;
}

/** The span of an entry's characters between its quotes, if any. */
function contentSpan(model: ZeropsModel, e: EnvEntry): Span {
  const { start, end } = e.valueSpan;
  const q = model.text[start];
  if ((q === '"' || q === "'") && end - start >= 2 && model.text[end - 1] === q) return { start: start + 1, end: end - 1 };
  return e.valueSpan;
}

/**
 * `<@generateRandomString(…)>` only means something with the preprocessor on. When the directive is
 * missing the fix adds it as line 1 — unless the file holds backslashes or `<`, whose reading the
 * preprocessor would change elsewhere in the file; then there is no automatic fix (the message says so).
 */
function preprocessorEdit(model: ZeropsModel, except: Span): { edit?: OffsetEdit; blocked: boolean } {
  const text = model.text;
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  if (preprocessorOn(text)) return { blocked: false };
  const rest = text.slice(0, except.start) + text.slice(except.end);
  if (/[\\<]/.test(rest)) return { blocked: true };
  return { edit: { span: { start: bom, end: bom }, newText: `${DIRECTIVE_LINE}${model.lineBreak}` }, blocked: false };
}

export const secretLiteral = defineRule({
  id: 'secret-literal',
  // Whether a fix can turn the preprocessor on depends on the rest of the file: its first line, and,
  // with the preprocessor off, on whether a backslash or `<` is anywhere else.
  fileContext(text) {
    if (preprocessorOn(text)) return 'on';
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 || c === 60) n++;
    }
    return `off ${n}`;
  },
  severity: 'warning',
  summary: 'A literal password in a connection URL, a random-looking literal in `envSecrets` under a key that names a secret, or a value of a known token format (`ghp_…`, `AKIA…`, a private key, a JWT): it lands in version control.',
  fix: '`${x_password}` when the URL names a service of the file; `<@generateRandomString(<32>)>` (adding the preprocessor directive when needed).',
  perService({ model }, report) {
    for (const map of model.envMaps) {
      for (const e of map.entries) {
        const src = e.source;
        let inUrl = false;
        // Most values hold no URL at all: no regex run for them.
        URL_WITH_PASSWORD.lastIndex = 0;
        for (let m = src.includes('://') ? URL_WITH_PASSWORD.exec(src) : null; m; m = URL_WITH_PASSWORD.exec(src)) {
          const [, scheme, user, password, host] = m;
          if (!isLiteral(password) || PLACEHOLDER.test(password)) continue;
          inUrl = true;
          const start = e.sourceStart + (m.index ?? 0) + scheme.length + 3 + user.length + 1;
          const span = { start, end: start + password.length };
          const hostname = hostnameOfHost(host);
          const fixes: Fix[] = [];
          if (hostname && model.byHostname.has(hostname)) {
            fixes.push({ title: `Use \${${hostname}_password}`, edits: [replace(span, `\${${hostname}_password}`)] });
          }
          report({
            span,
            message: `${e.key}: this ${scheme} URL spells its password out, so it is in the file and in every copy of the repository. ${fixes.length ? `Reference the service's password variable instead.` : 'Reference a variable, or set it in the Zerops GUI, instead.'}`,
            fixes,
          });
        }
        if (inUrl) continue;
        const value = typeof e.value === 'string' ? e.value : '';
        const span = map.kind === 'dotEnvSecrets' ? e.valueSpan : contentSpan(model, e);
        const shape = tokenShape(value, e.key);
        if (shape) {
          report({
            span,
            message: `${e.key} holds what has the format of ${shape}, written out in the file: it lands in version control with it. Revoke it, and set the new value in the Zerops GUI (or reference a variable) instead.`,
            fixes: [],
          });
          continue;
        }
        if ((map.kind !== 'envSecrets' && map.kind !== 'dotEnvSecrets') || !namesSecret(e.key) || !looksRandom(value)) continue;
        const length = Math.max(32, value.length);
        const directive = preprocessorEdit(model, span);
        const fixes: Fix[] = directive.blocked ? [] : [{
          title: `Generate it at import: ${GENERATE(length)}`,
          edits: [...(directive.edit ? [directive.edit] : []), replace(span, GENERATE(length))],
        }];
        report({
          span,
          message: `${e.key} holds what looks like a generated secret, written out in the file: it lands in version control with it. `
            + (directive.blocked
              ? 'Let Zerops generate it with <@generateRandomString(<32>)> (this file has backslashes or "<" that turning on the preprocessor would reinterpret, so there is no automatic fix).'
              : 'Let Zerops generate it at import with <@generateRandomString(<32>)>.'),
          fixes,
        });
      }
    }
  },
});

export const SECRET_RULES: readonly Rule[] = [secretLiteral];
