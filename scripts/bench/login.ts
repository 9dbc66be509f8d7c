/**
 * Brute force against logIn, as issue 10 measured it: `npm run bench:login -- [--mode after|before]`
 *
 * On the benchmark database (DATABASE_URL's server, `mercato_bench_1`) with the whole supergraph
 * in this process, an attacker at one address sends 300 wrong-password logIn calls for one email,
 * 20 at once, while a real user (another address, another email) logs in now and then. `before`
 * runs with the rate limits off (as Mercato was); `after` with the default limits (in process, or
 * in Redis when REDIS_URL is set, under a fresh prefix). Prints how the attempts were answered,
 * how many reached accounts, and the real user's logIn times. Figures, not assertions.
 */
import { parseArgs } from 'node:util';
import { startStack, rateLimitsOff } from '../../test/support/stack';
import { defaultRates } from '../../router/rate-limits/config';
import { benchDatabase, benchServerUrl } from './database';
import { post } from './order-client';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'after' },
    attempts: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '20' },
  },
});
const attempts = Number(args.attempts);
const concurrency = Number(args.concurrency);
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token errors { code } } }`;
const attacker = { 'x-forwarded-for': '203.0.113.66' };
const realUser = { 'x-forwarded-for': '198.51.100.23' };

const url = await benchDatabase(benchServerUrl(), 1);
const stack = await startStack(url, {
  routerEnv: {
    TRUSTED_PROXIES: '127.0.0.1',
    // The test stack turns the limits off; `after` puts the production defaults back.
    ...(args.mode === 'before'
      ? rateLimitsOff
      : {
          RATE_LIMIT_ANONYMOUS: defaultRates.anonymous,
          RATE_LIMIT_USER: defaultRates.user,
          RATE_LIMIT_PARTNER: defaultRates.partner,
          RATE_LIMIT_AUTH_IP: defaultRates.authIp,
          RATE_LIMIT_AUTH_EMAIL: defaultRates.authEmail,
          RATE_LIMIT_PLACE_ORDER: defaultRates.placeOrder,
        }),
    ...(process.env.REDIS_URL
      ? {
          REDIS_URL: process.env.REDIS_URL,
          REDIS_KEY_PREFIX: `mercato-bench:${Date.now().toString(36)}:`,
        }
      : {}),
  },
});
const accountsCalls = (() => {
  let n = 0;
  stack.subgraphs.accounts.server.on('request', () => n++);
  return () => n;
})();

const outcomes = new Map<string, number>();
let next = 0;
let flooding = true;
const started = performance.now();
const flood = Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < attempts) {
      next += 1;
      const { status, body } = await post(
        stack.routerUrl,
        LOG_IN,
        { input: { email: 'admin@mercato.dev', password: `guess number ${next}` } },
        attacker,
      );
      const logIn = body.data?.logIn as { errors: { code: string }[] } | undefined;
      const code = logIn?.errors[0]?.code ?? body.errors?.[0]?.extensions?.code ?? String(status);
      outcomes.set(String(code), (outcomes.get(String(code)) ?? 0) + 1);
    }
  }),
).then(() => (flooding = false));
const userTimes: number[] = [];
while (flooding) {
  const t = performance.now();
  const { body } = await post(
    stack.routerUrl,
    LOG_IN,
    { input: { email: 'amara.larsen.2@example.com', password: 'mercato-demo-password' } },
    realUser,
  );
  userTimes.push(performance.now() - t);
  if (!(body.data?.logIn as { token: string | null } | undefined)?.token)
    console.log('  the real user was refused:', JSON.stringify(body));
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await flood;
const floodMs = performance.now() - started;
userTimes.sort((a, b) => a - b);
console.log(
  `mode ${args.mode}: ${attempts} wrong-password logIn for one email, ${concurrency} at once`,
);
console.log(
  `  answered: ${JSON.stringify(Object.fromEntries(outcomes))} in ${(floodMs / 1000).toFixed(1)} s`,
);
console.log(`  requests that reached accounts: ${accountsCalls()} (the real user's included)`);
console.log(
  `  real user's logIn during the flood (${userTimes.length}): median ${userTimes[Math.floor(userTimes.length / 2)]!.toFixed(0)} ms, ` +
    `max ${userTimes[userTimes.length - 1]!.toFixed(0)} ms`,
);
await stack.stop();
