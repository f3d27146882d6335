/** Drafts for the unit tests of the invoice form's logic. */
import { GSTINS } from '../../../shared/gst/fixtures';
import { emptyDraft, emptyLine, type DraftLine, type InvoiceDraft } from './invoice-draft';

/**
 * A sale draft of company c1 dated 2024-08-05 to the Maharashtra buyer: `overrides` on the
 * draft, and one line per entry of `lines`, each over an empty line plus `lineDefaults`.
 */
export function testDraft(
  overrides: Partial<InvoiceDraft>,
  lines: readonly Partial<DraftLine>[],
  lineDefaults: Partial<DraftLine> = {},
): InvoiceDraft {
  const base = emptyDraft({
    id: 'd1',
    companyId: 'c1',
    date: '2024-08-05',
    now: '2024-08-05T10:00:00Z',
  });
  return {
    ...base,
    partyGstin: GSTINS.mhBuyer,
    ...overrides,
    lines: lines.map((l) => ({ ...emptyLine(), ...lineDefaults, ...l })),
  };
}
