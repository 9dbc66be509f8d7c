/**
 * Standard parcel rate: a base fee plus a fee per started half kilogram, in US cents.
 * A pure function of weight, so shippingEstimate costs no SQL.
 */
export const SHIPPING_BASE_AMOUNT = 399;
export const SHIPPING_PER_HALF_KG_AMOUNT = 60;

export function shippingEstimate(weightGrams: number): { amount: number; currency: string } {
  const halfKilos = Math.max(1, Math.ceil(weightGrams / 500));
  return {
    amount: SHIPPING_BASE_AMOUNT + SHIPPING_PER_HALF_KG_AMOUNT * halfKilos,
    currency: 'USD',
  };
}
