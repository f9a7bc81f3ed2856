import type { DocumentKind } from '../../model/types';
import type { ZeropsKind } from '../../model/kind';
import { completeImport } from './import/completion';
import { completeZeropsYml } from './zerops-yml/completion';
import type { KindFeatures } from './feature';
import { importHover } from './import/hover';
import { zeropsYmlHover } from './zerops-yml/hover';
import { serviceOutline, setupOutline } from './outline';
import { flowLocus } from '../../model/flow-locus';
import { serviceLenses, setupLenses } from './code-lens';
import { importLinks, zeropsYmlLinks } from './links';
import { setupHints } from './zerops-yml/inlay-hints';

// The editor features each kind of file adds to those every kind shares, registered here and nowhere
// else: hover.ts, completion.ts, navigation.ts, inlay-hints.ts and lenses-links.ts ask
// `featuresOf(model.kind)` instead of branching on the kind's name. The kinds themselves (names, sniffing,
// list key, snippet places, what pairs with what) are model/kind.ts.

const FEATURES: Record<ZeropsKind, KindFeatures> = {
  import: {
    hover: importHover,
    complete: completeImport,
    symbols: serviceOutline,
    lenses: serviceLenses,
    links: importLinks,
  },
  'zerops-yml': {
    // A flow map or list in a zerops.yml is read by the flow locator, which knows where its keys are.
    hover: (model, loc, external) => zeropsYmlHover(model, flowLocus(model.text, loc), external),
    complete: (model, loc, external) => completeZeropsYml(model, flowLocus(model.text, loc), external),
    symbols: setupOutline,
    lenses: setupLenses,
    hints: setupHints,
    links: zeropsYmlLinks,
  },
};

const NONE: KindFeatures = {};

/** What the kind adds; nothing for a file that is not a Zerops file. */
export function featuresOf(kind: DocumentKind): KindFeatures {
  return kind === 'other' ? NONE : FEATURES[kind];
}
