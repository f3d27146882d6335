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
