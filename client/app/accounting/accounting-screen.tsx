/**
 * The accounting area: `/accounting[/:section[/:id]]`. One lazy screen for all of it, so the
 * shell's route table holds three patterns, and the tax code loads only for accounting users.
 * Every section sits inside CompanyRequired: nothing shows until a company is chosen.
 *
 * Limitation: the shell shows the Accounting menu by module (a user holding any accounting
 * permission); this screen itself requires accounting.read. With the default roles the two
 * agree; a custom role with, say, invoices.create alone sees the menu and a no-access page.
 * On phones the bottom bar holds the first five menu items, which may leave Accounting out.
 */
import { useCan } from '../data';
import { useStore } from '../lib/store';
import { Link } from '../router';
import type { ScreenProps } from '../routes';
import { CompanyPicker, CompanyRequired, type AccountingCompany } from './companies';
import { flash } from './flash';
import { GstReturnsView } from './gst-returns';
import { InvoiceForm } from './invoice-form';
import { InvoiceList } from './invoice-list';
import { DayBookView, LedgerStatementView, TrialBalanceView } from './reports';
import { usePostQueuedWhenOnline } from './use-drafts';
import './accounting.css';

const SECTIONS = [
  { key: 'invoices', label: 'Invoices' },
  { key: 'ledgers', label: 'Ledgers' },
  { key: 'trial-balance', label: 'Trial balance' },
  { key: 'day-book', label: 'Day book' },
  { key: 'gst', label: 'GST returns' },
] as const;

export default function AccountingScreen({ params }: ScreenProps) {
  const canRead = useCan('accounting.read');
  const section = params.section ?? 'invoices';
  const id = params.id ?? null;

  if (!canRead) {
    return (
      <section className="empty-state" role="alert">
        <h1>You don't have access to the books</h1>
        <p>Your role does not include reading accounts. Ask your administrator.</p>
      </section>
    );
  }

  return (
    <section className="screen accounting">
      <header className="screen-head">
        <h1>Accounting</h1>
        <CompanyPicker />
      </header>
      <nav className="tabs accounting-tabs" aria-label="Accounting">
        {SECTIONS.map((s) => (
          <Link
            key={s.key}
            to={`/accounting/${s.key}`}
            aria-current={
              s.key === section || (s.key === 'invoices' && section === 'drafts')
                ? 'page'
                : undefined
            }
          >
            {s.label}
          </Link>
        ))}
      </nav>
      <FlashBanner />
      <CompanyRequired>
        {(company) => (
          <>
            <QueuedPoster company={company} />
            <Section company={company} section={section} id={id} />
          </>
        )}
      </CompanyRequired>
    </section>
  );
}

function FlashBanner() {
  const message = useStore(flash);
  if (message === null) return null;
  return (
    <p className="banner ok" role="status" data-testid="flash">
      {message}{' '}
      <button type="button" className="ghost" onClick={() => flash.set(null)}>
        Dismiss
      </button>
    </p>
  );
}

/** Posts the company's queued drafts whichever accounting screen is open (rule D-2). */
function QueuedPoster({ company }: { readonly company: AccountingCompany }) {
  usePostQueuedWhenOnline(company.id, (outcomes) => {
    const numbers = outcomes.flatMap((o) => (o.kind === 'posted' ? [o.number] : []));
    flash.set(`Posted when the connection returned: ${numbers.join(', ')}.`);
  });
  return null;
}

function Section(props: {
  readonly company: AccountingCompany;
  readonly section: string;
  readonly id: string | null;
}) {
  const { company, section, id } = props;
  if (section === 'drafts' && id !== null) {
    return <InvoiceForm key={`${company.id}/${id}`} company={company} id={id} />;
  }
  if (section === 'ledgers' && id !== null) {
    return <LedgerStatementView key={id} company={company} ledgerId={id} />;
  }
  if (section === 'ledgers') return <TrialBalanceView company={company} linkLedgers />;
  if (section === 'trial-balance')
    return <TrialBalanceView company={company} linkLedgers={false} />;
  if (section === 'day-book') return <DayBookView company={company} />;
  if (section === 'gst') return <GstReturnsView company={company} />;
  return <InvoiceList company={company} />;
}
