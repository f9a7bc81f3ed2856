import { KEYDB, MODES, VALKEY, isModeValue, type ValkeyMode } from './valkey';

/** The parts of a type that the catalogue needs; the model's ServiceType has them. */
export interface TypeParts {
  base: string;
  variant?: string;
  version?: string;
}

export function isValkey(t: TypeParts | undefined): boolean {
  return t?.base === VALKEY.type;
}

export function isKeydb(t: TypeParts | undefined): boolean {
  return t?.base === KEYDB.type;
}

/** The variant a composite type names (`valkey:ha@7.2` -> 'ha'), if it names a known one. */
export function typeVariant(t: TypeParts): ValkeyMode | undefined {
  return t.variant === 'ha' || t.variant === 'single' ? t.variant : undefined;
}

/**
 * How many nodes a Valkey service gets: the composite variant decides; otherwise `mode: HA` means HA and
 * anything else (no mode, NON_HA, a typo) the platform default, a single node.
 */
export function valkeyMode(t: TypeParts, mode: unknown): ValkeyMode {
  const v = typeVariant(t);
  if (v) return v;
  return isModeValue(mode) ? MODES[mode] : 'single';
}
