import { parseId } from '../../lib/batch';
import { sha256Hex } from '../../lib/hash';
import type { UserError } from '../../lib/user-error';

/** Limits of one order: enough for any basket a person builds, small enough to bound the work. */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 100;
const MAX_KEY_LENGTH = 128;
/** Money.amount is a GraphQL Int. */
export const MAX_TOTAL = 2_147_483_647;

export type PlaceOrderCode =
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'NO_LINES'
  | 'TOO_MANY_LINES'
  | 'INVALID_QUANTITY'
  | 'DUPLICATE_PRODUCT'
  | 'UNKNOWN_PRODUCT'
  | 'TOTAL_TOO_LARGE'
  | 'OUT_OF_STOCK'
  | 'STOCK_UNAVAILABLE';

export type PlaceOrderError = UserError<PlaceOrderCode>;

export interface RequestedLine {
  productId: number;
  quantity: number;
}

export interface PlaceOrderRequest {
  idempotencyKey: string;
  /** Identifies the request's content: a retry has the same hash, another request does not. */
  requestHash: string;
}

export type CheckedLines = { lines: RequestedLine[] } | { rejection: PlaceOrderError };

interface RawInput {
  idempotencyKey: string;
  lines: readonly { productId: string | number; quantity: number }[];
}

export function lineField(index: number, field: keyof RequestedLine): string {
  return `lines[${index}].${field}`;
}

/**
 * The key and request hash, or why the request cannot even be recorded. Keys are printable:
 * no control characters, which also keeps NUL (that text columns refuse) out.
 */
export function checkRequest(input: RawInput): PlaceOrderRequest | PlaceOrderError {
  const key = input.idempotencyKey;
  // eslint-disable-next-line no-control-regex
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(key)) {
    return {
      code: 'INVALID_IDEMPOTENCY_KEY',
      field: 'idempotencyKey',
      message: `An idempotency key is 1 to ${MAX_KEY_LENGTH} printable characters`,
    };
  }
  const body = JSON.stringify(input.lines.map((l) => [String(l.productId), l.quantity]));
  return { idempotencyKey: key, requestHash: sha256Hex(body) };
}

/** The lines as numbers, or the first reason (by line) the order cannot be filled. */
export function checkLines(input: RawInput): CheckedLines {
  if (input.lines.length === 0) {
    return { rejection: { code: 'NO_LINES', field: 'lines', message: 'An order needs a line' } };
  }
  if (input.lines.length > MAX_LINES) {
    return {
      rejection: {
        code: 'TOO_MANY_LINES',
        field: 'lines',
        message: `An order has at most ${MAX_LINES} lines; this one has ${input.lines.length}`,
      },
    };
  }
  const lines: RequestedLine[] = [];
  const seen = new Set<number>();
  for (const [index, line] of input.lines.entries()) {
    const productId = parseId(line.productId);
    if (productId === null) return { rejection: unknownProduct(index) };
    if (seen.has(productId)) {
      return {
        rejection: {
          code: 'DUPLICATE_PRODUCT',
          field: lineField(index, 'productId'),
          message: `Line ${index + 1} repeats a product; list each product once`,
        },
      };
    }
    seen.add(productId);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      return {
        rejection: {
          code: 'INVALID_QUANTITY',
          field: lineField(index, 'quantity'),
          message: `Line ${index + 1}: a quantity is 1 to ${MAX_QUANTITY}`,
        },
      };
    }
    lines.push({ productId, quantity: line.quantity });
  }
  return { lines };
}

export function unknownProduct(index: number): PlaceOrderError {
  return {
    code: 'UNKNOWN_PRODUCT',
    field: lineField(index, 'productId'),
    message: `Line ${index + 1}: there is no such product`,
  };
}

export function outOfStock(index: number, available: number): PlaceOrderError {
  return {
    code: 'OUT_OF_STOCK',
    field: lineField(index, 'quantity'),
    message: `Line ${index + 1}: only ${available} in stock`,
  };
}

export const keyReused: PlaceOrderError = {
  code: 'IDEMPOTENCY_KEY_REUSED',
  field: 'idempotencyKey',
  message: 'This idempotency key was used for a different order; use a new key',
};
