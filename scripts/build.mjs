// Builds Tandem to plain JavaScript in dist/ (`npm run build`, and `prepare` on `npm ci`), so that `npm start`
// runs it with plain node. It is JavaScript, not TypeScript, because it runs before anything can compile
// TypeScript; `npm run typecheck` checks the types.
//
// The code and its dependencies are bundled (esbuild) into dist/src/main.js and a few chunks in dist/chunks/:
// loading one file instead of a thousand is most of a quick start. What a face or feature loads only when
// configured (`await import(…)`: Bolt, botbuilder, the PostgreSQL store, the charts) is a chunk of its own,
// read only then. Native modules and the PostgreSQL driver stay in node_modules. The files the app reads at run
// time beside its code (the SQLite and PostgreSQL migrations, the Teams app's manifest and icons) are copied to
// where the modules that read them would be (dist/db/…), and those modules' `import.meta.url` points there.
// Source maps, read when a stack trace is formatted (src/app/stack-traces.ts), make it name the files in src/.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';
import { keepOwnMappings } from './source-maps.mjs';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const ASSETS = [
  'db/migrations',
  'db/pg/migrations',
  'adapters/teams/app/manifest.json',
  'adapters/teams/app/color.png',
  'adapters/teams/app/outline.png',
];
/** Tandem's own source folders: the ones the source maps keep. */
const SOURCES = ['src', 'adapters', 'db'];
/**
 * Left in node_modules, loaded by node itself: native modules and the PostgreSQL driver; `open`, which finds a
 * file of its own beside its code; and the packages loaded with `await import(…)` (see `lazyPackagesExternal`).
 */
const EXTERNAL = [
  'better-sqlite3',
  '@resvg/resvg-js',
  'pg',
  'pg-native',
  'open',
  'botbuilder',
  'vega',
  'vega-lite',
  'nodemailer',
];

/**
 * Tandem's own modules that locate files beside themselves: `import.meta.url` there becomes the address
 * the module would have in dist/ unbundled. Every output file is one folder below dist/ (dist/src/main.js,
 * dist/chunks/…), so `../` from it is dist/.
 */
const ownFileUrls = {
  name: 'own-file-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const rel = relative(ROOT, args.path).split('\\').join('/');
      if (rel.startsWith('node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.')) return { contents: source, loader: 'ts' };
      const url = `new URL(${JSON.stringify(`../${rel.replace(/\.ts$/, '.js')}`)}, import.meta.url)`;
      const contents = source
        .replaceAll('import.meta.url', `${url}.href`)
        .replaceAll('import.meta.dirname', `require('node:path').dirname(require('node:url').fileURLToPath(${url}))`);
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * A package loaded with `await import(…)` must stay external: in a split bundle, the chunk of a CommonJS package
 * exposes only `default` (so `const { compile } = await import('vega-lite')` would find nothing), where node itself
 * gives its named exports. Fails the build for one that is not in EXTERNAL.
 */
const lazyPackagesExternal = {
  name: 'lazy-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== 'dynamic-import' || args.path.startsWith('node:')) return undefined;
      const name = args.path
        .split('/')
        .slice(0, args.path.startsWith('@') ? 2 : 1)
        .join('/');
      if (EXTERNAL.includes(name)) return undefined;
      return { errors: [{ text: `${name} is loaded with import(): add it to EXTERNAL in scripts/build.mjs` }] };
    });
  },
};

/**
 * Packages that Bolt requires when it loads but that Tandem needs only in some configurations: Socket Mode's
 * client (with undici, a megabyte of code) only when SLACK_APP_TOKEN is set, the OAuth installer never. Bolt's
 * require() of one gets a stand-in that loads the package from node_modules the first time one of its exports is
 * used.
 */
const LAZY_REQUIRES = ['@slack/socket-mode', '@slack/oauth'];
/**
 * Modules that their package requires only when first needed, left in node_modules rather than read at every
 * start: iconv-lite's character sets (0.5 MB of tables), for the first body in a charset other than UTF-8.
 */
const LEFT_IN_NODE_MODULES = ['node_modules/iconv-lite/encodings/index.js'];
/** From any output file (one folder below dist/), the path of a file in the project. */
const fromOutput = (path) => `../../${relative(ROOT, path).split(sep).join('/')}`;
const lazyRequires = {
  name: 'lazy-requires',
  setup(b) {
    b.onResolve({ filter: /^@slack\/(socket-mode|oauth)$|^\.\.\/encodings$/ }, async (args) => {
      if (args.pluginData === 'real' || args.namespace === 'lazy-require') return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'real' });
      if (real.errors.length) return { errors: real.errors };
      if (LAZY_REQUIRES.includes(args.path)) return { path: real.path, namespace: 'lazy-require' };
      const rel = relative(ROOT, real.path).split(sep).join('/');
      return LEFT_IN_NODE_MODULES.includes(rel) ? { path: fromOutput(real.path), external: true } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-require' }, (args) => {
      const esModule = /Object\.defineProperty\(exports, "__esModule"/.test(readFileSync(args.path, 'utf8'));
      return {
        contents: `let real;
const load = () => (real ??= require(${JSON.stringify(fromOutput(args.path))}));
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? ${esModule} : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});`,
        loader: 'js',
      };
    });
    b.onResolve({ filter: /^\.\.\/\.\.\/node_modules\// }, (args) =>
      args.namespace === 'lazy-require' ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * The entry: stack traces mapped to the source files (src/app/stack-traces.ts) before Tandem's own modules run.
 * A module's imports run in order, and the first one here installs the mapping.
 */
const entry = {
  name: 'entry',
  setup(b) {
    b.onResolve({ filter: /^tandem:/ }, (args) => ({ path: args.path, namespace: 'tandem' }));
    b.onLoad({ filter: /.*/, namespace: 'tandem' }, (args) => ({
      resolveDir: ROOT,
      loader: 'js',
      contents:
        args.path === 'tandem:main'
          ? "import 'tandem:stack-traces';\nimport './src/main.ts';\n"
          : "import { mapStackTraces } from './src/app/stack-traces.ts';\n" +
            "mapStackTraces(new URL('../', import.meta.url).href);\n",
    }));
  },
};

rmSync(DIST, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: [{ in: 'tandem:main', out: 'src/main' }],
  outdir: DIST,
  outbase: ROOT,
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // The bundled CommonJS packages call require() for Node's own modules and the externals.
  banner: {
    js:
      "import { createRequire as __tandemRequire } from 'node:module';\n" +
      'const require = __tandemRequire(import.meta.url);',
  },
  sourcemap: 'linked',
  sourcesContent: false,
  plugins: [entry, ownFileUrls, lazyPackagesExternal, lazyRequires],
  metafile: true,
  logLevel: 'warning',
});
// Keep the maps' mappings into Tandem's own files only: smaller maps, and a frame in a dependency is left as it is.
for (const out of Object.keys(result.metafile.outputs)) {
  if (!out.endsWith('.map')) continue;
  const path = join(ROOT, out);
  const own = (source) => {
    const rel = relative(ROOT, resolve(dirname(path), source)).split(sep);
    return SOURCES.includes(rel[0]) && !rel.includes('node_modules');
  };
  writeFileSync(path, JSON.stringify(keepOwnMappings(JSON.parse(readFileSync(path, 'utf8')), own)));
}
for (const asset of ASSETS) cpSync(join(ROOT, asset), join(DIST, asset), { recursive: true });
// BUILD_META=file writes esbuild's account of what went where (which package in which chunk, and its size).
if (process.env.BUILD_META) writeFileSync(process.env.BUILD_META, JSON.stringify(result.metafile));
