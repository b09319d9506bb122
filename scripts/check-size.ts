/**
 * The size rules `npm run lint` enforces beside Biome: no line over 120 characters and no file over
 * 300 lines, in every TypeScript file of the project. Small files named after what they hold are
 * easier to read and to change; a rule checked by a machine stays true.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const DIRS = ['src', 'adapters', 'db', 'test', 'bench', 'scripts'];
export const MAX_LINE = 120;
export const MAX_LINES = 300;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Each breach as `path:line: what`, in path order. */
export function sizeProblems(root = ROOT): string[] {
  const problems: string[] = [];
  for (const file of DIRS.flatMap((d) => files(join(root, d)))) {
    const path = relative(root, file);
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (lines.length > MAX_LINES)
      problems.push(`${path}: ${lines.length} lines (at most ${MAX_LINES}); split it by what it holds`);
    lines.forEach((line, i) => {
      if ([...line].length > MAX_LINE)
        problems.push(`${path}:${i + 1}: ${[...line].length} characters (at most ${MAX_LINE})`);
    });
  }
  return problems;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const problems = sizeProblems();
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (problems.length) {
    process.stderr.write(`${problems.length} size problems\n`);
    process.exitCode = 1;
  } else process.stdout.write('sizes ok\n');
}
