/**
 * Dollar amounts as the popup, the page's panel and the dashboard show them. A request costs
 * between about $0.00001 and a few cents, so a fixed number of decimals either rounds it to
 * "$0.00" or pads it with zeros: amounts under $1 keep two significant digits instead
 * ($0.0004, $0.0012, $0.059). Two, because list prices have two or three and some providers'
 * token counts are approximate: more digits would claim a precision the estimate does not have.
 * From $1 up, cents ($1.25).
 */

/** Below this an amount is shown as "< $0.00001" rather than as a row of zeros. */
export const SMALLEST_SHOWN_USD = 0.00001;

const SIGNIFICANT = new Intl.NumberFormat('en-US', {
  maximumSignificantDigits: 2,
  useGrouping: false,
});
const CENTS = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** `$0`, `< $0.00001`, `$0.0004`, `$0.0012`, `$1.25`. Negative or non-finite: ''. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) return '';
  if (usd === 0) return '$0';
  if (usd < SMALLEST_SHOWN_USD) return `< $${SIGNIFICANT.format(SMALLEST_SHOWN_USD)}`;
  if (usd < 1) return `$${SIGNIFICANT.format(usd)}`;
  return `$${CENTS.format(usd)}`;
}

/**
 * An estimate: `≈ $0.0004`. Zero (free models) is exact, and `< $0.00001` already says it is a
 * bound, so neither takes the `≈`.
 */
export function formatEstimate(usd: number): string {
  const amount = formatUsd(usd);
  return amount === '' || amount === '$0' || amount.startsWith('<') ? amount : `≈ ${amount}`;
}

const MONTH = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-06` → `June 2026`; anything else as given. */
export function formatMonth(yearMonth: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!match) return yearMonth;
  return MONTH.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}
