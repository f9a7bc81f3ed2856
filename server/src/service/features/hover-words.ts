import { variableListOf } from '../../catalog/variables';
import { KEYDB, type ServiceVariable, type ValkeyMode } from '../../catalog/valkey';
import type { ServiceModel } from '../../model/types';
import { code } from './markdown';

// Words the hovers of every kind share about services: counts, modes, a service's type.

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five'];
export const count = (n: number, what: string) => `${NUMBERS[n] ?? n} ${what}${n === 1 ? '' : 's'}`;
export const nodesLabel = (n: number) => count(n, 'node');
export const modeWord = (m: ValkeyMode) => (m === 'ha' ? 'HA' : 'single node');

export function keydbVariables(): readonly ServiceVariable[] {
  return variableListOf(KEYDB.type) ?? [];
}

export function typeLabel(s: ServiceModel): string {
  return s.type ? code(s.type.raw) : 'a service without a type';
}
