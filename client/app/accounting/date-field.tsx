import { useId } from 'react';

/** A labelled date input that ignores being cleared (a report always has its dates). */
export function DateField(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <span className="inline-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="date"
        value={props.value}
        onChange={(e) => e.target.value !== '' && props.onChange(e.target.value)}
      />
    </span>
  );
}

/** The From and To fields of a report or list over a range of dates. */
export function DateRangeFields(props: {
  readonly from: string;
  readonly to: string;
  readonly setFrom: (v: string) => void;
  readonly setTo: (v: string) => void;
}) {
  return (
    <>
      <DateField label="From" value={props.from} onChange={props.setFrom} />
      <DateField label="To" value={props.to} onChange={props.setTo} />
    </>
  );
}

/** 1 April of the financial year containing `date`. */
export function yearStart(date: string): string {
  const year = Number(date.slice(0, 4));
  return `${Number(date.slice(5, 7)) >= 4 ? year : year - 1}-04-01`;
}
