/**
 * Which GST rates exist on a date. A line's rate must be one of the slabs in force on the
 * document date; a rate that was abolished (12% on most goods after GST 2.0, say) or never
 * existed (7%) is almost always a data-entry error.
 *
 * Limitation: only slab validity is modelled, not the rate for each HSN/SAC. A 5% line for
 * an 18% item passes; checking that needs the notified schedules as data, per date.
 */
import { rate, type Rate } from '../money';
import type { IsoDate } from './period';

/** GST began on 1 July 2017; no rate is valid before it. */
export const GST_START = '2017-07-01' as IsoDate;

/**
 * GST 2.0 rationalisation: Notification 9/2025-Central Tax (Rate) and 9/2025-Integrated
 * Tax (Rate), both dated 17 Sep 2025, superseding 1/2017 from 22 Sep 2025.
 */
export const GST_2_0_START = '2025-09-22' as IsoDate;

interface RateEra {
  readonly from: IsoDate;
  readonly slabs: readonly Rate[];
}

const ERAS: readonly RateEra[] = [
  {
    // 1/2017-CT(Rate) schedules (0.125% … 14% CGST, doubled) plus 0.1% for supplies to
    // merchant exporters (40/2017-CT(Rate), 41/2017-IT(Rate)).
    from: GST_START,
    slabs: ['0', '0.1', '0.25', '1.5', '3', '5', '12', '18', '28'].map(rate),
  },
  {
    // 9/2025-CT(Rate): Schedules I-VI are 5, 18, 40, 3, 0.25, 1.5. Schedule VII keeps 28%
    // for tobacco and pan masala until compensation cess ends, and 14/2025-CT(Rate) keeps
    // 12% for specified bricks, so both stay valid. The 0.1% merchant-export rate stands.
    from: GST_2_0_START,
    slabs: ['0', '0.1', '0.25', '1.5', '3', '5', '12', '18', '28', '40'].map(rate),
  },
];

/** The slabs in force on `date`, or none before GST began. */
export function slabsOn(date: IsoDate): readonly Rate[] {
  let current: readonly Rate[] = [];
  for (const era of ERAS) {
    if (date >= era.from) current = era.slabs;
  }
  return current;
}

export function isRateValidOn(r: Rate, date: IsoDate): boolean {
  return slabsOn(date).includes(r);
}

/**
 * The highest ad valorem compensation cess the GST (Compensation to States) Act's schedule
 * allows (290%, on tobacco products). Cess rates are any value from 0 up to it.
 *
 * Limitation: the notified cess rate per item, and its withdrawal for most goods from
 * 22 Sep 2025, are not checked; specific (per-unit) cess is not modelled at all.
 */
export const MAX_CESS_RATE: Rate = rate('290');

export function isCessRateValid(r: Rate): boolean {
  return r >= 0n && r <= MAX_CESS_RATE;
}
