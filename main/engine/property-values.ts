// One event property across an event name's distinct property objects: its distinct values and,
// per property object, which of them it holds. Filters then run once per distinct value and
// amounts are parsed once per distinct value; a property no event has costs nothing per object.
// Built on first use and kept with the loaded column (a reload drops it with the column).
import { decimalPlaces } from './exact-sum';
import type { EventColumn } from './engine-data';
import { numericValue } from './value-match';

export interface PropertyValues {
  /** Distinct values; index 0 is "missing" (undefined). */
  values: unknown[];
  /** Per property object of the column: its value's index in `values`. */
  index: Uint32Array;
}

/** A property's values as numbers (NaN when not numeric) and their decimal places. */
export interface NumericValues {
  numbers: Float64Array;
  decimals: Uint16Array;
}

interface ColumnProperties {
  /** Every property name some object of the column holds (own keys only). */
  names: Set<string>;
  byName: Map<string, PropertyValues>;
  numeric: Map<string, NumericValues>;
}

const columns = new WeakMap<EventColumn, ColumnProperties>();

function columnProperties(col: EventColumn): ColumnProperties {
  let cp = columns.get(col);
  if (!cp) {
    const names = new Set<string>();
    for (const props of col.dict) for (const k of Object.keys(props)) names.add(k);
    cp = { names, byName: new Map(), numeric: new Map() };
    columns.set(col, cp);
  }
  return cp;
}

/** The property's values, or undefined when no property object of the column holds it. */
export function propertyValues(col: EventColumn, name: string): PropertyValues | undefined {
  const cp = columnProperties(col);
  if (!cp.names.has(name)) return undefined;
  let pv = cp.byName.get(name);
  if (!pv) {
    const values: unknown[] = [undefined];
    // Scalars share one index; lists and objects each get their own.
    const scalarIndex = new Map<unknown, number>();
    const index = new Uint32Array(col.dict.length);
    col.dict.forEach((props, i) => {
      if (!Object.hasOwn(props, name)) return;
      const v = props[name];
      if (v !== null && typeof v === 'object') {
        index[i] = values.push(v) - 1;
        return;
      }
      let k = scalarIndex.get(v);
      if (k === undefined) scalarIndex.set(v, (k = values.push(v) - 1));
      index[i] = k;
    });
    pv = { values, index };
    cp.byName.set(name, pv);
  }
  return pv;
}

export function numericValues(col: EventColumn, name: string, pv: PropertyValues): NumericValues {
  const cp = columnProperties(col);
  let nv = cp.numeric.get(name);
  if (!nv) {
    const numbers = new Float64Array(pv.values.length);
    for (let j = 0; j < numbers.length; j++) numbers[j] = numericValue(pv.values[j]);
    const decimals = new Uint16Array(numbers.length);
    numbers.forEach((v, i) => {
      if (Number.isFinite(v)) decimals[i] = decimalPlaces(v);
    });
    nv = { numbers, decimals };
    cp.numeric.set(name, nv);
  }
  return nv;
}
