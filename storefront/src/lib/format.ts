export type MoneyLike = { amountMinor: number; currency: string };

const formats = new Map<string, Intl.NumberFormat>();

/** Minor units as the shopper reads them, e.g. 1999 EUR → €19.99. */
export function money(value: MoneyLike | null | undefined): string {
  if (!value) {
    return '';
  }
  let format = formats.get(value.currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency: value.currency });
    formats.set(value.currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(value.amountMinor / 10 ** digits);
}

/** "12.50" → 1250 (two-decimal currencies); null for an empty or unreadable entry. */
export function toMinor(major: string): number | null {
  const text = major.trim().replace(',', '.');
  if (!/^\d+(\.\d{0,2})?$/.test(text)) {
    return null;
  }
  return Math.round(Number(text) * 100);
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Shopper-facing words for an order status. */
export const STATUS_LABEL: Record<string, string> = {
  PENDING: 'Pending',
  PAID: 'Paid',
  PAYMENT_FAILED: 'Payment failed',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
};
