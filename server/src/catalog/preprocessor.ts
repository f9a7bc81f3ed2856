// Zerops' import preprocessor (zParser): the directive that turns it on, its functions and modifiers.
// Facts: shared/zerops-facts.md §5 (zeropsio/zParser src/functions/functions.go, src/modifiers/modifiers.go).

export const PREPROCESSOR_FUNCTIONS: Readonly<Record<string, string>> = {
  generateRandomString: 'generateRandomString(length): random letters, digits and `_-.`',
  generateRandomBytes: 'generateRandomBytes(length): random bytes (length at most 1024)',
  generateRandomInt: 'generateRandomInt(min, max): a random whole number; max must exceed min',
  generateRandomStringVar: 'generateRandomStringVar(name, length): a random string, also stored as a variable',
  pickRandom: 'pickRandom(a, b, …): one of the arguments at random',
  setVar: 'setVar(name, value): stores a value for getVar',
  getVar: 'getVar(name): a value stored earlier',
  getDatetime: 'getDatetime(format[, timezone]): the current date and time',
  generateED25519Key: 'generateED25519Key(name): an Ed25519 key pair; returns the public key',
  generateRSA2048Key: 'generateRSA2048Key(name): a 2048-bit RSA key pair; returns the public key',
  generateRSA4096Key: 'generateRSA4096Key(name): a 4096-bit RSA key pair; returns the public key',
  generateJWT: 'generateJWT(secret, payload): an HS256-signed JSON Web Token',
  mercuryInRetrograde: 'mercuryInRetrograde(a, b): a when Mercury is in retrograde, else b',
};

export const PREPROCESSOR_MODIFIERS: Readonly<Record<string, string>> = {
  sha256: 'SHA-256 hash', sha512: 'SHA-512 hash', bcrypt: 'bcrypt hash', argon2id: 'Argon2id hash',
  toHex: 'hexadecimal encoding', toString: 'as text', upper: 'upper case', lower: 'lower case',
  title: 'title case', noop: 'unchanged',
};
