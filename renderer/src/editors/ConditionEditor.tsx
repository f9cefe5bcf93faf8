// Operator and value of an attribute or property condition, with editors that fit the value's type.
import {
  TIME_UNITS,
  type Condition,
  type FilterOp,
  type FilterValue,
  type TimeUnit,
} from '../../../shared/audience/audience-types';
import type { CatalogValueType, ValueCount } from '../../../shared/contract/workspace-channels';
import { FILTER_OP_WORDS } from '../model/sentence';
import { opsFor, valueShape, withOp } from '../model/value-model';
import { DateInput, NumberInput, Select, TextInput } from './inputs';
import { ListInput } from './ListInput';

export function ConditionEditor<T extends Condition>({
  cond,
  type,
  topValues,
  onChange,
  testId,
  subject,
}: {
  cond: T;
  type: CatalogValueType;
  topValues: ValueCount[];
  onChange: (cond: T, tag?: string) => void;
  testId: string;
  subject: string;
}) {
  const ops = opsFor(type, cond.op);
  const shape = valueShape(cond.op, type);
  const setValue = (value: FilterValue | undefined, field = 'value') => {
    const { value: _v, ...rest } = cond;
    onChange((value === undefined ? rest : { ...rest, value }) as T, `${testId}-${field}`);
  };
  const v = cond.value;
  return (
    <>
      <Select<FilterOp>
        value={cond.op}
        label={`${subject}: operator`}
        testId={`${testId}-op`}
        options={ops.map((op) => ({ value: op, label: FILTER_OP_WORDS[op] }))}
        onChange={(op) => onChange(withOp(cond, op, type, topValues))}
      />
      {shape === 'text' ? (
        <TextInput
          value={v === undefined ? '' : String(v)}
          label={`${subject}: value`}
          testId={`${testId}-value`}
          suggestions={topValues.map((t) => t.value)}
          onChange={(text) => setValue(text)}
        />
      ) : null}
      {shape === 'number' ? (
        <NumberInput
          value={typeof v === 'number' ? v : undefined}
          label={`${subject}: value`}
          testId={`${testId}-value`}
          width="medium"
          onChange={(n) => setValue(n)}
        />
      ) : null}
      {shape === 'boolean' ? (
        <Select
          value={String(v === undefined ? true : v)}
          label={`${subject}: value`}
          testId={`${testId}-value`}
          options={[
            { value: 'true', label: 'true' },
            { value: 'false', label: 'false' },
          ]}
          onChange={(b) => setValue(b === 'true')}
        />
      ) : null}
      {shape === 'date' ? (
        <DateInput
          value={typeof v === 'string' ? v : ''}
          label={`${subject}: date`}
          testId={`${testId}-value`}
          onChange={(d) => setValue(d)}
        />
      ) : null}
      {shape === 'list' ? (
        <ListInput
          values={Array.isArray(v) ? (v as Array<string | number>) : []}
          type={type}
          suggestions={topValues}
          label={subject}
          testId={`${testId}-value`}
          onChange={(list) => setValue(list)}
        />
      ) : null}
      {shape === 'range' ? (
        <RangeEditor value={v} type={type} subject={subject} testId={testId} onChange={setValue} />
      ) : null}
      {shape === 'duration' ? (
        <DurationEditor value={v} subject={subject} testId={testId} onChange={setValue} />
      ) : null}
    </>
  );
}

function RangeEditor({
  value,
  type,
  subject,
  testId,
  onChange,
}: {
  value: FilterValue | undefined;
  type: CatalogValueType;
  subject: string;
  testId: string;
  onChange: (v: FilterValue | undefined, field?: string) => void;
}) {
  const pair = Array.isArray(value) ? value : [];
  if (type === 'datetime' || typeof pair[0] === 'string') {
    const low = String(pair[0] ?? '');
    const high = String(pair[1] ?? '');
    return (
      <>
        <DateInput
          value={low}
          label={`${subject}: from`}
          testId={`${testId}-low`}
          onChange={(d) => onChange([d, high], 'low')}
        />
        <span className="editor-word">and</span>
        <DateInput
          value={high}
          label={`${subject}: to`}
          testId={`${testId}-high`}
          onChange={(d) => onChange([low, d], 'high')}
        />
      </>
    );
  }
  const low = typeof pair[0] === 'number' ? pair[0] : undefined;
  const high = typeof pair[1] === 'number' ? pair[1] : undefined;
  // An unfinished bound keeps the pair incomplete, so the validator names it instead of guessing.
  const both = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined
      ? ([a, b] as [number, number])
      : ([a ?? NaN, b ?? NaN] as [number, number]);
  return (
    <>
      <NumberInput
        value={low}
        label={`${subject}: low`}
        testId={`${testId}-low`}
        onChange={(n) => onChange(both(n, high), 'low')}
      />
      <span className="editor-word">and</span>
      <NumberInput
        value={high}
        label={`${subject}: high`}
        testId={`${testId}-high`}
        onChange={(n) => onChange(both(low, n), 'high')}
      />
    </>
  );
}

const UNIT_OPTIONS = TIME_UNITS.map((u) => ({ value: u, label: `${u}s` }));

function DurationEditor({
  value,
  subject,
  testId,
  onChange,
}: {
  value: FilterValue | undefined;
  subject: string;
  testId: string;
  onChange: (v: FilterValue | undefined, field?: string) => void;
}) {
  const d =
    value && typeof value === 'object' && 'amount' in value
      ? value
      : { amount: 7, unit: 'day' as TimeUnit };
  return (
    <>
      <NumberInput
        value={Number.isFinite(d.amount) ? d.amount : undefined}
        label={`${subject}: how many`}
        testId={`${testId}-amount`}
        min={1}
        step={1}
        onChange={(n) => onChange({ amount: n ?? NaN, unit: d.unit }, 'amount')}
      />
      <Select<TimeUnit>
        value={d.unit}
        label={`${subject}: unit`}
        testId={`${testId}-unit`}
        options={UNIT_OPTIONS}
        onChange={(unit) => onChange({ amount: d.amount, unit })}
      />
    </>
  );
}
