// The grammar of a service type string, `[os/]base[:variant][@version]`: its one definition. The model
// reads types with it (keeping spans), the catalogue looks names up with it.

/** `[os/]base[:variant][@version]`. */
export interface TypeName {
  os?: string;
  base: string;
  variant?: string;
  version?: string;
}

const NAME = /^(?:([a-z0-9-]+)\/)?([A-Za-z0-9-]+)(?::([A-Za-z0-9-]*))?(?:@(.*))?$/;

export function splitType(raw: string): TypeName | undefined {
  const m = NAME.exec(raw);
  if (!m) return undefined;
  const [, os, base, variant, version] = m;
  return { os, base, variant, version };
}
