import { useId, type ReactNode } from 'react';

/** A labelled form control; the label is always visible (no placeholder-only fields). */
export function Field(props: { readonly label: string; readonly hint?: string; readonly children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.hint !== undefined && <small className="muted">{props.hint}</small>}
    </div>
  );
}

export function Select<T extends string>(props: {
  readonly id: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (v: T) => void;
}) {
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
      {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
}

/** Empty text means "not set": the replica stores null, never an empty string. */
export function orNull(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/**
 * Options for picking one of many rows (contacts, deals): the first `max`, plus the current
 * choice if it is further down, so a select never silently shows the wrong value.
 * Limitation: with tens of thousands of rows a plain select only offers the first `max`; a
 * type-ahead picker over the local search index would offer all of them.
 */
export function pickOptions<T extends { readonly id: string }>(
  rows: readonly T[],
  label: (row: T) => string,
  current: string | null,
  opts: { readonly none: string; readonly max?: number },
): { value: string; label: string }[] {
  const max = opts.max ?? 1000;
  const shown = rows.slice(0, max);
  const chosen = current === null || shown.some((r) => r.id === current) ? undefined : rows.find((r) => r.id === current);
  return [
    { value: '', label: opts.none },
    ...(chosen === undefined ? [] : [{ value: chosen.id, label: label(chosen) }]),
    ...shown.map((r) => ({ value: r.id, label: label(r) })),
  ];
}
