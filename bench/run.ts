/**
 * `npm run bench`: runs every case in a process of its own (so that one case's heap and JIT state
 * do not colour the next), prints one table row per case, and writes bench/results.json.
 * `npm run bench -- who-owns scheduler` runs only those cases and writes bench/results.local.json.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CaseResult, Row } from './lib/case.js';
import { machine } from './lib/stats.js';

const CASES = ['slack-ack', 'who-owns', 'morning-post', 'scheduler', 'process-start', 'retention', 'postgres'] as const;
/** A case that takes longer than this has hung: the suite stops rather than waiting forever. */
const CASE_TIMEOUT_MS = 10 * 60_000;

function runCase(name: string): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL(`./${name}.ts`, import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: CaseResult | undefined;
    let error: string | undefined;
    const timer = setTimeout(() => {
      error = `timed out after ${CASE_TIMEOUT_MS / 60_000} min`;
      child.kill('SIGKILL');
    }, CASE_TIMEOUT_MS);
    child.on('message', (m: { ok: boolean; result?: CaseResult; error?: string }) => {
      if (m.ok) result = m.result;
      else error = m.error;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`case ${name} failed (exit ${code}): ${error ?? 'no result'}`));
    });
  });
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const metCell = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**missed**');
const line = (r: Row) => `| ${r.case} | ${cell(r.what)} | ${cell(r.result)} | ${cell(r.target)} | ${metCell(r.met)} |`;

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const selected = only.length ? CASES.filter((c) => only.some((o) => c.includes(o))) : [...CASES];
  if (selected.length === 0) throw new Error(`no case matches ${only.join(', ')}; cases: ${CASES.join(', ')}`);
  const m = machine();
  const loadBefore = loadavg().map((x) => Number(x.toFixed(2)));
  const started = Date.now();
  process.stdout.write(
    `Tandem benchmarks — ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}; load average ` +
      `${loadBefore.join(' ')}\n\n`,
  );
  process.stdout.write('| # | what | result (medians) | target | status |\n| --- | --- | --- | --- | --- |\n');

  const results: CaseResult[] = [];
  for (const name of selected) {
    process.stderr.write(`\n[${name}]\n`);
    const r = await runCase(name);
    results.push(r);
    for (const row of r.rows) {
      process.stdout.write(`${line(row)}\n`);
    }
  }

  const fields = Object.assign({}, ...results.map((x) => x.fields)) as Record<string, number>;
  const out = {
    timestamp: new Date().toISOString(),
    machine: { ...m, loadavg_before: loadBefore, loadavg_after: loadavg().map((x) => Number(x.toFixed(2))) },
    duration_s: Math.round((Date.now() - started) / 1000),
    ...fields,
    rows: results.flatMap((r) => r.rows),
    cases: Object.fromEntries(results.map((r) => [r.name, { fields: r.fields, detail: r.detail ?? {} }])),
  };
  const file = selected.length === CASES.length ? 'results.json' : 'results.local.json';
  writeFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(
    `\n${selected.length} case${selected.length === 1 ? '' : 's'} in ${out.duration_s} s; written to bench/${file}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
