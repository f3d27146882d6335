import { formatIndian, parseRupees } from '../../../shared/money';

/** "₹1,23,45,678": whole rupees in Indian grouping; paise only when there are some. */
export function formatINR(paise: number): string {
  const text = formatIndian(BigInt(Math.trunc(paise)));
  return `₹${text.endsWith('.00') ? text.slice(0, -3) : text}`;
}

/** A compact total for column headers: ₹12.5 L, ₹3.2 Cr (lakh and crore, as read in India). */
export function formatINRShort(paise: number): string {
  const rupees = paise / 100;
  if (rupees >= 1e7) return `₹${trim(rupees / 1e7)} Cr`;
  if (rupees >= 1e5) return `₹${trim(rupees / 1e5)} L`;
  return formatINR(paise);
}

function trim(n: number): string {
  return n.toFixed(n >= 100 ? 0 : 1).replace(/\.0$/, '');
}

/** Rupees typed by a person ("1,20,000.50") to integer paise, or null if it isn't money. */
export function parseINR(input: string): number | null {
  const parsed = parseRupees(input.replace(/[₹,\s]/g, '') || '0');
  if (!parsed.ok || parsed.value < 0n) return null;
  return Number(parsed.value);
}

/** The typed form of a paise amount: "120000.5" -> shows as "1,20,000.50" when formatted. */
export function paiseToInput(paise: number): string {
  return paise % 100 === 0 ? String(paise / 100) : (paise / 100).toFixed(2);
}

const DATE = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

/** "3 Dec 2026" from a YYYY-MM-DD date, read as a calendar day (no timezone shift). */
export function formatDay(isoDay: string | null): string {
  if (isoDay === null) return '';
  const [y, m, d] = isoDay.split('-').map(Number);
  return DATE.format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function formatTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

/** Today as YYYY-MM-DD in the device's timezone. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
