/**
 * Trial balance, ledger statement and day book, all from the server's journal. The ledger
 * list is the trial balance's rows, so every ledger with a balance can be opened from it.
 *
 * Limitation: a ledger whose postings net to zero drops out of the trial balance, and so out
 * of the ledger list; its statement is still reachable from the day book.
 */
import { useState } from 'react';

import type { Paise } from '../../../shared/money';

import { formatDay, today } from '../lib/format';
import { Link } from '../router';
import { fetchDayBook, fetchLedgerStatement, fetchTrialBalance } from './api';
import type { AccountingCompany } from './companies';
import { DateField, DateRangeFields, yearStart } from './date-field';
import { drCr, inr } from './format';
import { remoteNotice, useRemote } from './use-remote';

/** Debit and credit columns; a zero side is left blank, as on paper. */
function AmountCells({ debit, credit }: { readonly debit: Paise; readonly credit: Paise }) {
  return (
    <>
      <td className="num">{debit === 0n ? '' : inr(debit)}</td>
      <td className="num">{credit === 0n ? '' : inr(credit)}</td>
    </>
  );
}

function LedgerLink({ id, name }: { readonly id: string; readonly name: string }) {
  return <Link to={`/accounting/ledgers/${encodeURIComponent(id)}`}>{name}</Link>;
}

export function TrialBalanceView(props: {
  readonly company: AccountingCompany;
  readonly linkLedgers: boolean;
}) {
  const { company } = props;
  const [to, setTo] = useState(today());
  const [tb] = useRemote(() => fetchTrialBalance(company.id, to), [company.id, to]);
  const notice = remoteNotice(tb);
  return (
    <section aria-label={props.linkLedgers ? 'Ledgers' : 'Trial balance'}>
      <header className="screen-head">
        <h2>{props.linkLedgers ? 'Ledgers' : 'Trial balance'}</h2>
        <DateField label="As on" value={to} onChange={setTo} />
      </header>
      {notice !== null && <p className="muted pad">{notice}</p>}
      {tb.state === 'ready' && (
        <table className="ledger-table" aria-label="Trial balance">
          <thead>
            <tr>
              <th>Ledger</th>
              <th>Group</th>
              <th className="num">Debit</th>
              <th className="num">Credit</th>
            </tr>
          </thead>
          <tbody>
            {tb.value.rows.map((r) => (
              <tr key={r.ledgerId}>
                <td>
                  {props.linkLedgers ? <LedgerLink id={r.ledgerId} name={r.ledger} /> : r.ledger}
                </td>
                <td className="muted">{r.group}</td>
                <AmountCells debit={r.debit} credit={r.credit} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={2}>
                Total{' '}
                {tb.value.totalDebit === tb.value.totalCredit ? (
                  <span className="ok-text" data-testid="tb-balanced">
                    balanced
                  </span>
                ) : (
                  <span className="error">does not balance</span>
                )}
              </th>
              <th className="num" data-testid="tb-debit">
                {inr(tb.value.totalDebit)}
              </th>
              <th className="num" data-testid="tb-credit">
                {inr(tb.value.totalCredit)}
              </th>
            </tr>
          </tfoot>
        </table>
      )}
      {tb.state === 'ready' && tb.value.rows.length === 0 && (
        <p className="muted pad">Nothing posted up to {formatDay(to)}.</p>
      )}
    </section>
  );
}

export function LedgerStatementView(props: {
  readonly company: AccountingCompany;
  readonly ledgerId: string;
}) {
  const { company, ledgerId } = props;
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(yearStart(today()));
  const [st] = useRemote(
    () => fetchLedgerStatement(company.id, ledgerId, { from, to }),
    [company.id, ledgerId, from, to],
  );
  const notice = remoteNotice(st);
  return (
    <section aria-label="Ledger statement">
      <p className="crumbs">
        <Link to="/accounting/ledgers">Ledgers</Link>
      </p>
      <header className="screen-head">
        <h2>{st.state === 'ready' ? st.value.ledger : 'Ledger statement'}</h2>
        <span className="inline">
          <DateRangeFields from={from} to={to} setFrom={setFrom} setTo={setTo} />
        </span>
      </header>
      {notice !== null && <p className="muted pad">{notice}</p>}
      {st.state === 'ready' && (
        <table className="ledger-table" aria-label="Statement">
          <thead>
            <tr>
              <th>Date</th>
              <th>Voucher</th>
              <th>Particulars</th>
              <th className="num">Debit</th>
              <th className="num">Credit</th>
              <th className="num">Balance</th>
            </tr>
          </thead>
          <tbody>
            <tr className="muted">
              <td>{formatDay(from)}</td>
              <td colSpan={4}>Opening balance</td>
              <td className="num">{drCr(st.value.opening)}</td>
            </tr>
            {st.value.lines.map((l, i) => (
              <tr key={`${l.voucherId}-${i}`}>
                <td>{formatDay(l.date)}</td>
                <td>{l.number ?? l.kind}</td>
                <td>{l.narration}</td>
                <AmountCells debit={l.debit} credit={l.credit} />
                <td className="num">{drCr(l.balance)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={5}>Closing balance</th>
              <th className="num" data-testid="closing-balance">
                {drCr(st.value.closing)}
              </th>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

export function DayBookView({ company }: { readonly company: AccountingCompany }) {
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(`${today().slice(0, 8)}01`);
  const [book] = useRemote(() => fetchDayBook(company.id, { from, to }), [company.id, from, to]);
  const notice = remoteNotice(book);
  return (
    <section aria-label="Day book">
      <header className="screen-head">
        <h2>Day book</h2>
        <span className="inline">
          <DateRangeFields from={from} to={to} setFrom={setFrom} setTo={setTo} />
        </span>
      </header>
      {notice !== null && <p className="muted pad">{notice}</p>}
      {book.state === 'ready' && book.value.length === 0 && (
        <p className="muted pad">No vouchers in these dates.</p>
      )}
      {book.state === 'ready' && book.value.length > 0 && (
        <table className="ledger-table" aria-label="Vouchers">
          <thead>
            <tr>
              <th>Date</th>
              <th>Voucher</th>
              <th>Ledger</th>
              <th className="num">Debit</th>
              <th className="num">Credit</th>
            </tr>
          </thead>
          {book.value.map((v) => (
            <tbody key={v.voucherId} className="voucher">
              <tr>
                <td>{formatDay(v.date)}</td>
                <td colSpan={4}>
                  <strong>{v.number ?? v.kind}</strong> <span className="muted">{v.narration}</span>
                </td>
              </tr>
              {v.lines.map((l, i) => (
                <tr key={`${l.ledgerId}-${i}`}>
                  <td />
                  <td />
                  <td>
                    <LedgerLink id={l.ledgerId} name={l.ledger} />
                  </td>
                  <AmountCells debit={l.debit} credit={l.credit} />
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
