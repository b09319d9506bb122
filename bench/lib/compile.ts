import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './processes.js';

/**
 * Transpiles src/, adapters/ and db/ to plain JavaScript (esbuild, which tsx itself uses; file by
 * file, layout kept, migrations copied) under node_modules/.cache, so that the bench can time
 * Tandem without tsx in the process. Returns the path of the compiled main.js.
 */
export async function compileForNode(opts: { out?: string; dirs?: readonly string[] } = {}): Promise<string> {
  const out = join(ROOT, opts.out ?? 'node_modules/.cache/tandem-bench-js');
  rmSync(out, { recursive: true, force: true });
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(join(ROOT, dir))) {
      const p = join(dir, f);
      if (statSync(join(ROOT, p)).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) files.push(join(ROOT, p));
    }
  };
  for (const dir of ['src', 'adapters', 'db', ...(opts.dirs ?? [])]) walk(dir);
  await build({
    entryPoints: files,
    outdir: out,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'db/migrations'), join(out, 'db/migrations'), { recursive: true });
  return join(out, 'src/main.js');
}
