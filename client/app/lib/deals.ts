import { DEAL_STAGES, positionBetween, type Deal, type DealStage } from '../../../shared/domain';

export const STAGE_LABEL: Readonly<Record<DealStage, string>> = {
  lead: 'Lead', qualified: 'Qualified', proposal: 'Proposal', negotiation: 'Negotiation', won: 'Won', lost: 'Lost',
};

/** Kanban order: position as a plain string, ties (two offline creates at 'h') by id. */
export function byPosition(a: Deal, b: Deal): number {
  return a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function groupByStage(deals: readonly Deal[]): Record<DealStage, Deal[]> {
  const out = Object.fromEntries(DEAL_STAGES.map((s) => [s, [] as Deal[]])) as Record<DealStage, Deal[]>;
  for (const d of deals) out[d.stage].push(d);
  for (const s of DEAL_STAGES) out[s].sort(byPosition);
  return out;
}

/**
 * The position for a card dropped at `index` of `column` (the moving card already taken out).
 * Neighbours with equal positions leave no room between them; the card then goes just after
 * the one before, which keeps the order stable through the id tie-break.
 */
export function positionAt(column: readonly Deal[], index: number): string {
  const before = column[index - 1]?.position ?? null;
  const after = column[index]?.position ?? null;
  if (before !== null && after !== null && before >= after) return positionBetween(before, null);
  return positionBetween(before, after);
}

export interface StageTotals {
  readonly count: number;
  readonly valuePaise: number;
  /** Value × probability: what the stage is likely to bring in. */
  readonly weightedPaise: number;
}

export function totals(deals: readonly Deal[]): StageTotals {
  let valuePaise = 0;
  let weighted = 0;
  for (const d of deals) {
    valuePaise += d.valuePaise;
    weighted += (d.valuePaise * d.probability) / 100;
  }
  return { count: deals.length, valuePaise, weightedPaise: Math.round(weighted) };
}
