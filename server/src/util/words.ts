/** The words of an env key: `DB_PASSWORD` → db, password; `apiKeySecret` → api, key, secret; `CACHE1_PORT` → cache1, port. */
export function keyWords(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
