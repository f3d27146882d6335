/**
 * Unit quantity codes the GST portal accepts in the HSN summary. `NA` is for services,
 * which have no quantity.
 */
export const UQC_CODES: ReadonlySet<string> = new Set(
  [
    'BAG BAL BDL BKL BOU BOX BTL BUN CAN CBM CCM CMS CTN DOZ DRM GGK GMS GRS GYD KGS KLR',
    'KME LTR MLT MTR MTS NOS OTH PAC PCS PRS QTL ROL SET SQF SQM SQY TBS TGM THD TON TUB',
    'UGS UNT YDS NA',
  ]
    .join(' ')
    .split(' '),
);
