/**
 * Managing partners and their API keys: what `npm run partners` (scripts/partners.ts) does, as
 * functions the tests call too.
 */
import { insertPartner, listPartners, partnersByIdOrPrefix, revokePartner } from './db/partners';
import type { PartnerRow } from './db/schema';
import type { AccountsDb } from './db/users';
import {
  PARTNER_KEY_PREFIX,
  PARTNER_REVOKED_CHANNEL,
  type PartnerRevokedMessage,
} from '../../contracts/partners';
import type { SharedState } from '../../lib/shared-state';
import {
  generatePartnerKey,
  hashPartnerKey,
  partnerKeyPrefix,
  SHOWN_PREFIX_LENGTH,
} from './partner-keys';

/** A request the partner commands refuse; the message is for the operator. */
export class PartnerCommandError extends Error {}

const NAME_MAX = 100;
const operationName = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A partner as the CLI shows it: never the key, only its prefix. */
export interface PartnerSummary {
  id: number;
  name: string;
  keyPrefix: string;
  operations: string[] | null;
  createdAt: Date;
  revokedAt: Date | null;
}

function summary(row: PartnerRow): PartnerSummary {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    operations: row.operations,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}

/** Parses `--operations OpA,OpB`: GraphQL operation names, deduplicated, order kept. */
export function parseOperations(text: string | undefined): string[] | null {
  if (text === undefined) return null;
  const names = [
    ...new Set(
      text
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ),
  ];
  const bad = names.filter((name) => !operationName.test(name));
  if (names.length === 0)
    throw new PartnerCommandError('--operations needs at least one operation name');
  if (bad.length > 0)
    throw new PartnerCommandError(`not GraphQL operation names: ${bad.join(', ')}`);
  return names;
}

/** Creates a partner with a fresh key; the returned key exists nowhere else. */
export async function createPartner(
  db: AccountsDb,
  params: { name: string; operations: string[] | null },
): Promise<{ partner: PartnerSummary; key: string }> {
  const name = params.name.trim();
  if (name === '' || [...name].length > NAME_MAX) {
    throw new PartnerCommandError(`a partner name has 1 to ${NAME_MAX} characters`);
  }
  const key = generatePartnerKey();
  const row = await insertPartner(db, {
    name,
    keyPrefix: partnerKeyPrefix(key),
    keyHash: hashPartnerKey(key),
    operations: params.operations,
  });
  return { partner: summary(row), key };
}

/** A revoked partner, and whether routers were told (else they refuse it within their cache TTL). */
export type RevokedPartner = PartnerSummary & { announced: boolean };

/**
 * Revokes the partner named by id (digits) or key prefix (with or without `mk_live_`, as shown
 * by list). Refuses a prefix that matches several partners, and an already revoked one. Once the
 * database says so, the revocation is announced on `shared` (PARTNER_REVOKED_CHANNEL), so every
 * router drops the key at once rather than when its cached answer expires.
 */
export async function revokePartnerBy(
  db: AccountsDb,
  target: string,
  shared?: SharedState,
): Promise<RevokedPartner> {
  const text = target.trim();
  // Up to nine digits: always inside the int4 id column.
  const id = /^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : null;
  const full = text.startsWith(PARTNER_KEY_PREFIX) ? text : PARTNER_KEY_PREFIX + text;
  const keyPrefix = full.length >= SHOWN_PREFIX_LENGTH ? partnerKeyPrefix(full) : null;
  if (id === null && keyPrefix === null) {
    throw new PartnerCommandError(
      `"${target}" is neither a partner id nor a key prefix like mk_live_AbCd1234`,
    );
  }
  const matches = await partnersByIdOrPrefix(db, { id, keyPrefix });
  if (matches.length === 0)
    throw new PartnerCommandError(`no partner has id or key prefix "${target}"`);
  if (matches.length > 1) {
    throw new PartnerCommandError(
      `"${target}" matches partners ${matches.map((p) => p.id).join(', ')}; revoke by id`,
    );
  }
  const [match] = matches;
  if (!match) throw new PartnerCommandError(`no partner has id or key prefix "${target}"`);
  const revoked = await revokePartner(db, match.id);
  if (!revoked)
    throw new PartnerCommandError(`partner ${match.id} (${match.name}) is already revoked`);
  const message: PartnerRevokedMessage = { partnerId: revoked.id };
  const announced = shared
    ? await shared.publish(PARTNER_REVOKED_CHANNEL, JSON.stringify(message))
    : false;
  return { ...summary(revoked), announced };
}

export async function listPartnerSummaries(db: AccountsDb): Promise<PartnerSummary[]> {
  return (await listPartners(db)).map(summary);
}
