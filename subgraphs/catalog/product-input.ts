import { parseId } from '../../lib/batch';
import type { UserError } from '../../lib/user-error';
import type { ProductFields } from './db/product-writes';

/** What a client sends for a product; every field optional (createProduct requires them all). */
export interface ProductInput {
  sku?: string | null;
  name?: string | null;
  description?: string | null;
  price?: { amount: number; currency?: string | null } | null;
  weightGrams?: number | null;
  categoryId?: string | number | null;
}

const SKU = /^[A-Z0-9-]{1,40}$/;
const MAX_PRICE = 100_000_000; // a million dollars, in cents
const MAX_WEIGHT = 1_000_000; // a tonne

/**
 * Checks the fields present in `input` and turns them into columns; every problem is reported
 * (with the field it concerns), nothing is written while there is one.
 */
export function checkProductInput(input: ProductInput): {
  fields: Partial<ProductFields>;
  errors: UserError[];
} {
  const errors: UserError[] = [];
  const fields: Partial<ProductFields> = {};
  const fail = (code: string, field: string, message: string) =>
    errors.push({ code, field, message });

  if (input.sku != null) {
    const sku = input.sku.trim().toUpperCase();
    if (SKU.test(sku)) fields.sku = sku;
    else fail('INVALID_SKU', 'sku', 'A SKU has 1 to 40 of A–Z, 0–9 and "-"');
  }
  if (input.name != null) {
    const name = input.name.trim();
    if (name.length >= 1 && name.length <= 200 && ![...name].some((c) => c < ' '))
      fields.name = name;
    else fail('INVALID_NAME', 'name', 'A name has 1 to 200 characters');
  }
  if (input.description != null) {
    const description = input.description.trim();
    if (description.length <= 5_000 && !description.includes('\u0000'))
      fields.description = description;
    else fail('INVALID_DESCRIPTION', 'description', 'A description has at most 5,000 characters');
  }
  if (input.price != null) {
    const { amount, currency } = input.price;
    if (Number.isInteger(amount) && amount > 0 && amount <= MAX_PRICE) fields.priceAmount = amount;
    else
      fail('INVALID_PRICE', 'price', `A price is a whole number of cents from 1 to ${MAX_PRICE}`);
    if ((currency ?? 'USD') === 'USD') fields.currency = 'USD';
    else fail('UNSUPPORTED_CURRENCY', 'price', 'Mercato sells in USD only');
  }
  if (input.weightGrams != null) {
    if (
      Number.isInteger(input.weightGrams) &&
      input.weightGrams > 0 &&
      input.weightGrams <= MAX_WEIGHT
    ) {
      fields.weightGrams = input.weightGrams;
    } else fail('INVALID_WEIGHT', 'weightGrams', `A weight is 1 to ${MAX_WEIGHT} grams`);
  }
  if (input.categoryId != null) {
    const categoryId = parseId(input.categoryId);
    if (categoryId !== null) fields.categoryId = categoryId;
    else fail('UNKNOWN_CATEGORY', 'categoryId', 'There is no such category');
  }
  return { fields, errors };
}

/** All fields a new product needs, or null when any is missing. */
export function completeFields(fields: Partial<ProductFields>): ProductFields | null {
  const { sku, name, description, priceAmount, currency, weightGrams, categoryId } = fields;
  if (sku === undefined || name === undefined || description === undefined) return null;
  if (priceAmount === undefined || weightGrams === undefined || categoryId === undefined)
    return null;
  return {
    sku,
    name,
    description,
    priceAmount,
    currency: currency ?? 'USD',
    weightGrams,
    categoryId,
  };
}
