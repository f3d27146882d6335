/** Small pieces every admin screen draws the same way. */
import type { InputHTMLAttributes } from 'react';

import type { PlanView } from './types';

/** An error, announced at once (role alert); nothing while there is none. */
export function ErrorMessage({ text }: { readonly text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

/** The outcome of the operator's last action, announced politely (role status). */
export function Notice({ text }: { readonly text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="notice" role="status">
      {text}
    </p>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** A labelled text input that hands back the new value, not the event. */
export function TextField({
  label,
  value,
  onChange,
  ...input
}: InputProps & {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <input {...input} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** One option per plan, valued by its key; none until the plans have loaded. */
export function PlanOptions({ plans }: { readonly plans: readonly PlanView[] | undefined }) {
  return plans?.map((p) => (
    <option key={p.id} value={p.key}>
      {p.name}
    </option>
  ));
}
