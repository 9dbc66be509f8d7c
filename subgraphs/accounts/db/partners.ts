import { and, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { partners, type PartnerRow } from './schema';
import type { AccountsDb } from './users';
import { statement } from '../../../lib/statements';

/** Records a partner under its key's prefix and hash (the key itself is never stored). */
export const insertPartner = statement(
  'insertPartner',
  async function insertPartner(
    db: AccountsDb,
    params: { name: string; keyPrefix: string; keyHash: string; operations: string[] | null },
  ): Promise<PartnerRow> {
    const [row] = await db.insert(partners).values(params).returning();
    if (!row) throw new Error('insert into accounts.partners returned no row');
    return row;
  },
);

/** The partner whose key hashes to `keyHash`, unless revoked: one unique-index lookup. */
export const activePartnerByKeyHash = statement(
  'activePartnerByKeyHash',
  async function activePartnerByKeyHash(
    db: AccountsDb,
    keyHash: string,
  ): Promise<PartnerRow | null> {
    const [row] = await db
      .select()
      .from(partners)
      .where(and(eq(partners.keyHash, keyHash), isNull(partners.revokedAt)))
      .limit(1);
    return row ?? null;
  },
);

/** Every partner, newest first, revoked ones included. */
export const listPartners = statement(
  'listPartners',
  async function listPartners(db: AccountsDb): Promise<PartnerRow[]> {
    return await db.select().from(partners).orderBy(desc(partners.id));
  },
);

/** Partners matching an id or a key prefix (for revoke: it refuses when more than one match). */
export const partnersByIdOrPrefix = statement(
  'partnersByIdOrPrefix',
  async function partnersByIdOrPrefix(
    db: AccountsDb,
    params: { id: number | null; keyPrefix: string | null },
  ): Promise<PartnerRow[]> {
    const conditions: SQL[] = [];
    if (params.id !== null) conditions.push(eq(partners.id, params.id));
    if (params.keyPrefix !== null) conditions.push(eq(partners.keyPrefix, params.keyPrefix));
    if (conditions.length === 0) return [];
    return await db
      .select()
      .from(partners)
      .where(or(...conditions))
      .orderBy(partners.id);
  },
);

/** Revokes a partner's key now; returns the row, or null when it was already revoked or absent. */
export const revokePartner = statement(
  'revokePartner',
  async function revokePartner(db: AccountsDb, id: number): Promise<PartnerRow | null> {
    const [row] = await db
      .update(partners)
      .set({ revokedAt: new Date() })
      .where(and(eq(partners.id, id), isNull(partners.revokedAt)))
      .returning();
    return row ?? null;
  },
);
