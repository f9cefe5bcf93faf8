// Small controlled inputs shared by the block editors.
import { useId, useState, type ReactNode } from 'react';
import { parseNumber } from '../model/value-model';

/** A number field that lets the user type freely ("1.", "-") and reports only finished numbers. */
export function NumberInput({
  value,
  onChange,
  label,
  testId,
  min,
  step,
  width = 'short',
}: {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  label: string;
  testId?: string;
  min?: number;
  step?: number;
  width?: 'short' | 'medium';
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [shown, setShown] = useState(value);
  // An undo or another editor changed the value: show it instead of what was typed.
  if (shown !== value) {
    setShown(value);
    if (parseNumber(text) !== value) setText(value === undefined ? '' : String(value));
  }
  return (
    <input
      className={`input number ${width}`}
      type="number"
      inputMode="decimal"
      aria-label={label}
      data-testid={testId}
      min={min}
      step={step ?? 'any'}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = parseNumber(e.target.value);
        setShown(n);
        onChange(n);
      }}
    />
  );
}

export function TextInput({
  value,
  onChange,
  label,
  testId,
  suggestions,
  placeholder,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  testId?: string;
  suggestions?: Array<string | number | boolean>;
  placeholder?: string;
}) {
  const listId = useId();
  return (
    <>
      <input
        className="input text"
        type="text"
        aria-label={label}
        data-testid={testId}
        placeholder={placeholder}
        value={value}
        list={suggestions?.length ? listId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {suggestions?.length ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={String(s)} value={String(s)} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

export function Select<T extends string>({
  value,
  options,
  onChange,
  label,
  testId,
  className,
}: {
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  label: string;
  testId?: string;
  className?: string;
}) {
  return (
    <select
      className={`input select${className ? ` ${className}` : ''}`}
      aria-label={label}
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value as T)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function DateInput({
  value,
  onChange,
  label,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  testId?: string;
}) {
  return (
    <input
      className="input date"
      type="date"
      aria-label={label}
      data-testid={testId}
      value={/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : value.slice(0, 10)}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function Row({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <div className="editor-row">
      {label ? <span className="editor-row-label">{label}</span> : null}
      {children}
    </div>
  );
}
