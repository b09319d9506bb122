import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A free TCP port on 127.0.0.1 (bound and released: fine on a machine where nothing races for it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; 10 ms resolution). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The processes below `pid`, depth first (Linux /proc). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** Polls GET /healthz until it answers 200; resolves with the time it took from `since` (performance.now()). */
export async function waitHealthy(
  port: number,
  since: number,
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms`);
    await sleep(5);
  }
}

export interface TandemProcess {
  child: ChildProcess;
  /** The Node process running src/main.ts (the leaf under npm and tsx when started with npm). */
  appPid: number;
  port: number;
  readyMs: number;
  /** Everything it wrote to stderr (its JSON log lines), for failures. */
  log(): string;
  stop(): Promise<void>;
}

export interface StartTandemOptions {
  /** `npm` runs `npm start` (npm → sh → tsx → node); `node` runs `node --import tsx src/main.ts` (one process). */
  via: 'npm' | 'node';
  env: Record<string, string>;
  /** A TMPDIR for the process: a fresh one makes tsx compile every file again (its cache lives there). */
  tmpdir?: string;
  /** With via 'node': a compiled main.js run by plain node instead of src/main.ts through tsx. */
  entry?: string;
}

/**
 * Starts Tandem as production does, with the given environment (Slack variables pointed at a fake on
 * loopback), and waits for /healthz to answer 200: readyMs is from spawn to that answer.
 */
export async function startTandem(opts: StartTandemOptions): Promise<TandemProcess> {
  const port = Number(opts.env.PORT);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TZ: 'UTC',
    HOST: '127.0.0.1',
    ...opts.env,
    ...(opts.tmpdir ? { TMPDIR: opts.tmpdir } : {}),
  };
  delete env.NODE_OPTIONS;
  // BENCH_TANDEM_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the Tandem process.
  const nodeArgs = process.env.BENCH_TANDEM_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // BENCH_TANDEM_ENTRY runs a compiled main.js with plain node instead (via 'node'), for comparisons.
  const entry = process.env.BENCH_TANDEM_ENTRY;
  const [cmd, args] =
    opts.via === 'npm'
      ? ['npm', ['start', '--silent']]
      : [
          process.execPath,
          [...nodeArgs, ...((opts.entry ?? entry) ? [opts.entry ?? entry!] : ['--import', 'tsx', 'src/main.ts'])],
        ];
  const since = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  let readyMs: number;
  try {
    readyMs = await waitHealthy(port, since, child);
  } catch (err) {
    killGroup(child);
    throw new Error(`Tandem did not start: ${(err as Error).message}\n${stderr.slice(-2000)}`);
  }
  const tree = [child.pid!, ...descendants(child.pid!)];
  const appPid = opts.via === 'node' ? child.pid! : tree[tree.length - 1]!;
  return {
    child,
    appPid,
    port,
    readyMs,
    log: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      // npm may exit before its children: give them a moment, then make sure.
      await sleep(100);
      killGroup(child, 'SIGKILL');
    },
  };
}

/** Signals the process group we created (detached), so npm, sh, tsx and node all get it. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Forks a helper module (bench/lib/*-process.ts) through tsx and waits for its { type: 'ready', port }. */
export async function forkHelper(
  module: string,
  env: Record<string, string> = {},
): Promise<{
  child: ChildProcess;
  port: number;
  request<T>(msg: object, reply: string): Promise<T>;
  stop(): Promise<void>;
}> {
  const child = fork(fileURLToPath(new URL(module, import.meta.url)), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onMessage = (m: { type: string; port: number }) => {
      if (m.type === 'ready') {
        child.off('message', onMessage);
        resolve(m.port);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${module} exited with ${code}`)));
  });
  return {
    child,
    port,
    request<T>(msg: object, reply: string): Promise<T> {
      return new Promise((resolve) => {
        const on = (m: { type: string }) => {
          if (m.type === reply) {
            child.off('message', on);
            resolve(m as T);
          }
        };
        child.on('message', on);
        child.send(msg);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
