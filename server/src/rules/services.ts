import { isValkey } from '../catalog/services';
import { categoryOfType, typeInfo, type TypeCategory } from '../catalog/types';
import { keyName, nodeSpan, pairOf } from '../model/scalars';
import { isMap, isScalar, type TreeMap } from '../model/tree';
import type { ServiceModel } from '../model/types';
import { insertPairAfter, removePair } from './edits';
import { byKind, defineRule, type Rule } from './rule';
import { hostLabel } from './structure';
import { modeValueFixes } from './mode-fixes';
import { zyDeprecated } from './zerops-yml/schema';


function category(s: ServiceModel): TypeCategory | undefined {
  return categoryOfType(s.type);
}

export const modeInvalid = defineRule({
  id: 'mode-invalid',
  severity: 'error',
  summary: '`mode` not exactly `HA` or `NON_HA` on a managed service other than Valkey (Valkey has `valkey-mode`).',
  fix: 'The intended value.',
  perService({ model }, report) {
    for (const s of model.services) {
      const cat = category(s);
      if (!s.mode || isValkey(s.type) || (cat !== 'managed' && cat !== 'shared-storage')) continue;
      const raw = s.mode.value?.value;
      if (raw === 'HA' || raw === 'NON_HA') continue;
      const { span, intended, fixes } = modeValueFixes(model.text, s.mode);
      report({
        span,
        message: `"mode" must be HA or NON_HA, written exactly so${intended ? `; this looks like ${intended}` : ''}. Any other value fails the import, and the mode cannot be changed later.`,
        fixes,
      });
    }
  },
});

export const modeIgnored = defineRule({
  id: 'mode-ignored',
  severity: 'warning',
  summary: '`mode` on a runtime (ignored: use `minContainers`); an error on object storage (rejected).',
  fix: 'Remove `mode`.',
  perService({ model }, report) {
    for (const s of model.services) {
      const cat = category(s);
      if (!s.mode || (cat !== 'runtime' && cat !== 'static' && cat !== 'object-storage')) continue;
      const edit = removePair(model, s.node, s.mode.pair);
      const objectStorage = cat === 'object-storage';
      report({
        span: s.mode.keySpan,
        message: objectStorage
          ? 'Object storage has no mode; Zerops rejects the import with "mode not supported".'
          : 'Runtimes ignore "mode": Zerops runs them highly available anyway. Redundancy comes from "minContainers" (2 or more).',
        fixes: edit ? [{ title: 'Remove mode', edits: [edit], preferred: true }] : [],
        severity: objectStorage ? 'error' : undefined,
        tags: objectStorage ? undefined : ['unnecessary'],
      });
    }
  },
});

const CONTAINER_KEYS = ['minContainers', 'maxContainers'] as const;

export const managedContainers = defineRule({
  id: 'managed-containers',
  severity: 'error',
  summary: '`minContainers`/`maxContainers` on a managed service or storage (Valkey included: the node count is fixed).',
  fix: 'Remove the key.',
  perService({ model }, report) {
    for (const s of model.services) {
      const cat = category(s);
      if (!cat || cat === 'runtime' || cat === 'static') continue;
      for (const key of CONTAINER_KEYS) {
        const pair = pairOf(s.node, key);
        if (!pair) continue;
        const edit = removePair(model, s.node, pair);
        const label = typeInfo(s.type!.base)!.label;
        const why = cat === 'managed' ? `${label} has a fixed number of nodes (one, or several in HA)` : `${label} does not run containers you can scale`;
        report({
          span: nodeSpan(pair.key)!,
          message: `${why}, so Zerops rejects "${key}" with "Invalid parameter provided". Only runtimes scale their container count.`,
          fixes: edit ? [{ title: `Remove ${key}`, edits: [edit], preferred: true }] : [],
        });
      }
    }
  },
});

const RANGES: readonly [string, string][] = [
  ['minCpu', 'maxCpu'], ['minRam', 'maxRam'], ['minDisk', 'maxDisk'], ['minVCpu', 'maxVCpu'],
];

export const scalingRange = defineRule({
  id: 'scaling-range',
  severity: 'error',
  summary: 'A minimum above its maximum (containers, CPU, RAM, disk).',
  perService({ model }, report) {
    const check = (s: ServiceModel, map: TreeMap, minKey: string, maxKey: string): void => {
      const min = pairOf(map, minKey)?.value;
      if (!isScalar(min) || typeof min.value !== 'number') return;
      const max = pairOf(map, maxKey)?.value;
      if (!isScalar(max) || typeof max.value !== 'number' || min.value <= max.value) return;
      report({
        span: nodeSpan(min)!,
        message: `"${minKey}" (${min.value}) is above "${maxKey}" (${max.value}) on ${hostLabel(s)}; Zerops rejects a range whose minimum exceeds its maximum.`,
        related: [{ span: nodeSpan(max)!, message: `${maxKey} is ${max.value}` }],
      });
    };
    for (const s of model.services) {
      check(s, s.node, 'minContainers', 'maxContainers');
      const va = pairOf(s.node, 'verticalAutoscaling')?.value;
      if (isMap(va)) for (const [min, max] of RANGES) check(s, va, min, max);
    }
  },
});

export const OBJECT_STORAGE_DEFAULT_SIZE = 2;

export const objectStorageSize = defineRule({
  id: 'object-storage-size',
  severity: 'error',
  summary: 'Object storage without `objectStorageSize`: Zerops rejects it ("Mandatory parameter is missing").',
  fix: `Add \`objectStorageSize: ${OBJECT_STORAGE_DEFAULT_SIZE}\`.`,
  perService({ model }, report) {
    for (const s of model.services) {
      if (category(s) !== 'object-storage' || pairOf(s.node, 'objectStorageSize') || !s.typePair) continue;
      const edit = insertPairAfter(model, s.node, s.typePair, 'objectStorageSize', String(OBJECT_STORAGE_DEFAULT_SIZE));
      report({
        span: s.type!.value.nodeSpan,
        message: `Object storage needs "objectStorageSize" (the bucket size in GB, 1–100); without it the import fails with "Mandatory parameter is missing".`,
        fixes: edit ? [{ title: `Add objectStorageSize: ${OBJECT_STORAGE_DEFAULT_SIZE}`, edits: [edit], preferred: true }] : [],
      });
    }
  },
});

export const deprecatedField = defineRule({
  id: 'deprecated-field',
  severity: 'hint',
  summary: '`minVCpu`/`maxVCpu`; `os` or `mode` next to a composite type of a non-Valkey service, which already names them. In zerops.yml: `build.deploy` (old name of `deployFiles`), `os` next to a composite base.',
  fix: 'zerops.yml: rename `build.deploy` to `deployFiles`.',
  kinds: ['import', 'zerops-yml'],
  perService: byKind({
    import: ({ model }, report) => {
      for (const s of model.services) {
        const t = s.type;
        const va = pairOf(s.node, 'verticalAutoscaling')?.value;
        if (isMap(va)) {
          for (const pair of va.items) {
            const key = keyName(pair);
            const keySpan = key === 'minVCpu' || key === 'maxVCpu' ? nodeSpan(pair.key) : undefined;
            if (!keySpan) continue;
            const now = key === 'minVCpu' ? 'minCpu' : 'maxCpu';
            report({ span: keySpan, message: `"${key}" is the old name of "${now}"; the schema marks it deprecated.`, tags: ['deprecated'] });
          }
        }
        if (!t || isValkey(s.type)) continue;
        const cat = category(s);
        const osPair = pairOf(s.node, 'os');
        if (osPair && t.os !== undefined) {
          report({ span: nodeSpan(osPair.key)!, message: `"os" is deprecated: the type "${t.raw}" already names the OS.`, tags: ['deprecated'] });
        }
        // On runtimes and object storage, mode-ignored already says more.
        if (s.mode && t.variant !== undefined && (cat === 'managed' || cat === 'shared-storage')) {
          report({ span: s.mode.keySpan, message: `"mode" is deprecated: the type "${t.raw}" already names the variant.`, tags: ['deprecated'] });
        }
      }
    },
    'zerops-yml': zyDeprecated,
  }),
});

export const SERVICE_RULES: readonly Rule[] = [modeInvalid, modeIgnored, managedContainers, scalingRange, objectStorageSize, deprecatedField];
