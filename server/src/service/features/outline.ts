import type { EnvMap, ZeropsModel } from '../../model/types';
import type { OutlineSymbol } from './feature';
import { extendsNames, setupSections } from './zerops-yml/setup-navigation';

// The outline of each kind, in offsets: an import file's services with their variables, a zerops.yml's
// setups with their build, deploy and run sections. Registered per kind in kinds.ts.

function envSymbols(maps: readonly EnvMap[]): OutlineSymbol[] {
  return maps.flatMap((map) => map.entries.filter((e) => e.key).map((e): OutlineSymbol => ({
    name: e.key,
    detail: map.kind,
    kind: 'variable',
    span: { start: e.keySpan.start, end: Math.max(e.keySpan.end, e.valueSpan.end) },
    selectionSpan: e.keySpan,
  })));
}

/** The services of an import file, each with its variables. */
export function serviceOutline(model: ZeropsModel): OutlineSymbol[] {
  return model.services.map((s) => ({
    name: typeof s.hostname?.value === 'string' && s.hostname.value ? s.hostname.value : `service ${s.index + 1}`,
    detail: s.type?.raw,
    kind: 'service',
    span: s.span,
    selectionSpan: s.hostname?.nodeSpan ?? s.span,
    children: envSymbols(s.envMaps),
  }));
}

/** The setups of a zerops.yml: base and parents as the detail, build, deploy and run below, each with its variables. */
export function setupOutline(model: ZeropsModel): OutlineSymbol[] {
  return model.setups.map((s) => {
    const parents = extendsNames(s);
    const sections = setupSections(model.text, s);
    const base = sections.find((x) => x.name === 'run')?.base ?? sections.find((x) => x.name === 'build')?.base;
    const detail = [base, parents.length ? `extends ${parents.join(', ')}` : undefined].filter(Boolean).join(' · ');
    return {
      name: s.name && s.name.value != null && String(s.name.value) ? String(s.name.value) : `setup ${s.index + 1}`,
      detail: detail || undefined,
      kind: 'setup',
      span: s.span,
      selectionSpan: s.name?.nodeSpan ?? s.span,
      children: sections.map((x): OutlineSymbol => ({
        name: x.name,
        detail: x.base,
        kind: 'section',
        span: x.span,
        selectionSpan: x.keySpan,
        children: envSymbols(s.envMaps.filter((m) => m.kind === `${x.name}.envVariables`)),
      })),
    };
  });
}
