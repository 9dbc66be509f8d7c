/**
 * The inventory subgraph's internal stock API (DESIGN.md §1, §5): how orders holds and gives
 * back stock for an order. Not part of the public supergraph; served beside inventory's /graphql
 * and signed like router traffic. Both calls are idempotent per order id.
 *
 *   POST /internal/stock/reserve  {"orderId", "lines": [{"productId", "quantity"}]}
 *     200 {"outcome": "HELD"}       every line is held (now or by an earlier call)
 *     200 {"outcome": "RELEASED"}   the order was released first; nothing is held for it
 *     409 {"outcome": "INSUFFICIENT", "line", "productId", "available"}   nothing was held, and
 *         the answer is final: the order is marked released, so no later call holds stock for it
 *   POST /internal/stock/release  {"orderId"}
 *     200 {"released": true}        this call returned the order's stock
 *     200 {"released": false}       nothing was held, or an earlier call returned it
 */
import { z } from 'zod';

export const RESERVE_PATH = '/internal/stock/reserve';
export const RELEASE_PATH = '/internal/stock/release';

/** Lines one order may hold; placeOrder's own limit is lower. */
export const MAX_HOLD_LINES = 100;

const id = z.number().int().positive().max(2_147_483_647);

export const reserveInput = z.object({
  orderId: id,
  lines: z
    .array(z.object({ productId: id, quantity: id }))
    .min(1)
    .max(MAX_HOLD_LINES)
    .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, {
      message: 'each product at most once',
    }),
});

export const releaseInput = z.object({ orderId: id });

export const reserveReply = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('HELD') }),
  z.object({ outcome: z.literal('RELEASED') }),
  z.object({
    outcome: z.literal('INSUFFICIENT'),
    line: z.number().int(),
    productId: z.number().int(),
    available: z.number().int(),
  }),
]);

export const releaseReply = z.object({ released: z.boolean() });

export type ReserveReply = z.infer<typeof reserveReply>;
