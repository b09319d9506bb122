import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/**
 * The layer rules of the source tree, as data: which folder may import which. The composition
 * root (src/main.ts, src/app/, adapters/faces.ts and the command-line tools that build the Slack
 * manifest and the Teams package) sees everything; every other file imports downward only.
 */

export type Layer =
  | 'domain'
  | 'kernel'
  | 'engine'
  | 'feature'
  | 'features-list'
  | 'root'
  | 'face'
  | 'faces-shared'
  | 'storage';

export interface Import {
  /** Repository-relative path of the importing file. */
  from: string;
  /** Repository-relative path of the imported file, or the package name. */
  to: string;
  external: boolean;
}

export interface BackArrow {
  import: Import;
  rule: string;
}

const PLATFORM_SDK = /^(@slack\/|botbuilder)/;
const DRIVER = /^(better-sqlite3|pg|postgres|drizzle-orm|drizzle-kit)(\/|$)/;

/** Entry points that wire things together, like src/main.ts, and may import any layer. */
const ROOTS = [
  /^src\/main\.ts$/,
  /^src\/app\//,
  /^adapters\/faces\.ts$/,
  /^adapters\/slack\/write-manifest\.ts$/,
  /^adapters\/teams\/app\/build-package\.ts$/,
];

export function layerOf(path: string): Layer | null {
  if (ROOTS.some((r) => r.test(path))) return 'root';
  if (path.startsWith('src/domain/')) return 'domain';
  if (path.startsWith('src/kernel/')) return 'kernel';
  if (path.startsWith('src/scheduler/') || path.startsWith('src/outbox/')) return 'engine';
  if (path === 'src/features/index.ts') return 'features-list';
  if (path.startsWith('src/features/')) return 'feature';
  if (path === 'adapters/face.ts' || path.startsWith('adapters/http/')) return 'faces-shared';
  if (path.startsWith('adapters/')) return 'face';
  if (path.startsWith('db/')) return 'storage';
  return null;
}

const featureOf = (path: string) => /^src\/features\/([^/]+)\//.exec(path)?.[1] ?? null;
const faceOf = (path: string) => /^adapters\/([^/]+)\//.exec(path)?.[1] ?? null;

/** What each layer may import from the tree (besides itself, and packages other than the ones ruled out). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  domain: ['domain'],
  kernel: ['kernel', 'domain'],
  engine: ['engine', 'kernel', 'domain'],
  feature: ['feature', 'kernel', 'domain'],
  'features-list': ['feature', 'kernel', 'domain'],
  face: ['face', 'faces-shared', 'kernel', 'domain'],
  'faces-shared': ['faces-shared', 'kernel', 'domain'],
  storage: ['storage', 'kernel', 'domain'],
  root: ['root', 'domain', 'kernel', 'engine', 'feature', 'features-list', 'face', 'faces-shared', 'storage'],
};

/** Every import that breaks a rule, with the rule it breaks. */
export function backArrows(imports: readonly Import[]): BackArrow[] {
  const found: BackArrow[] = [];
  for (const imp of imports) {
    const from = layerOf(imp.from);
    if (from === null) continue;
    const fail = (rule: string) => found.push({ import: imp, rule });
    if (imp.external) {
      if (imp.from.startsWith('src/') && PLATFORM_SDK.test(imp.to)) fail('src/ imports no platform SDK');
      if (imp.from.startsWith('src/') && DRIVER.test(imp.to))
        fail('src/ imports no database driver: storage is behind ports');
      if (imp.to === 'node-cron' && imp.from !== 'src/scheduler/cron-driver.ts')
        fail('only the cron driver imports node-cron');
      continue;
    }
    const to = layerOf(imp.to);
    if (to === null) {
      fail(`${from} imports a file outside the layered tree`);
      continue;
    }
    if (!ALLOWED[from].includes(to)) {
      fail(`${from} may not import ${to}`);
      continue;
    }
    if (
      to === 'feature' &&
      from === 'feature' &&
      featureOf(imp.from) !== featureOf(imp.to) &&
      !imp.to.endsWith('/index.ts')
    ) {
      fail('a feature reaches another feature only through its index.ts');
    }
    if (to === 'feature' && from === 'features-list' && !imp.to.endsWith('/index.ts'))
      fail('the feature list imports each feature’s index.ts');
    if (from === 'face' && to === 'face' && faceOf(imp.from) !== faceOf(imp.to))
      fail('a face never imports another face');
  }
  return found;
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'migrations') return [];
    return statSync(path).isDirectory() ? sources(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** Every import (static, dynamic and type-only) of the TypeScript files under `dirs`. */
export function importsIn(root: string, dirs: readonly string[]): Import[] {
  const out: Import[] = [];
  for (const file of dirs.flatMap((d) => sources(join(root, d)))) {
    const from = relative(root, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) {
        out.push({ from, to: spec.startsWith('node:') ? spec : spec, external: true });
        continue;
      }
      const to = posix.normalize(posix.join(dirname(from), spec)).replace(/\.js$/, '.ts');
      out.push({ from, to, external: false });
    }
  }
  return out;
}
