/**
 * `npm run audit:stock`: checks the write path's stock invariants (scripts/stock-audit.ts) on the
 * database DATABASE_URL names (orders and inventory in one database), prints what it found, and
 * exits 1 when one is broken. Read-only.
 */
import postgres from 'postgres';
import { auditStock } from './stock-audit';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('set DATABASE_URL to the database holding the orders and inventory schemas');
  process.exit(2);
}
const sql = postgres(url, { max: 1, onnotice: () => {} });
try {
  const audit = await auditStock(sql);
  const held = audit.products.reduce((n, p) => n + p.held, 0);
  console.log(`${audit.products.length} products, ${held} units held for orders`);
  console.log(
    `unsettled: ${audit.unsettled.pending} PENDING orders, ` +
      `${audit.unsettled.releaseDue} releases due (recovery finishes both)`,
  );
  for (const violation of audit.violations) console.log(`BROKEN ${violation}`);
  if (audit.violations.length === 0) console.log('every invariant holds');
  process.exitCode = audit.violations.length === 0 ? 0 : 1;
} finally {
  await sql.end();
}
