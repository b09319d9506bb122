import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Makes the stack traces of the built Tandem (dist/, bundled by scripts/build.mjs) name the source files: a frame
 * in a file of dist/ is looked up in that file's source map, read the first time a stack passes through it.
 * Node's --enable-source-maps does the same but reads and indexes every map as its file loads, at every start.
 * The build's entry runs this first; `npm run dev` and the tests (tsx) never do.
 */
export function mapStackTraces(dist: string): void {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (file: string): SourceMap | null => {
    let map = maps.get(file);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(file)}.map`, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(file, map);
    }
    return map;
  };
  const mapped = (frame: NodeJS.CallSite): string => {
    const text = String(frame);
    const file = frame.getFileName();
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (!file?.startsWith(dist) || line === null || column === null) return text;
    const entry = mapOf(file)?.findEntry(line - 1, column - 1);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return text;
    const source = fileURLToPath(new URL(entry.originalSource, file));
    return text.replace(`${file}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
  };
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) =>
    [Error.prototype.toString.call(error), ...frames.map(mapped)].join('\n    at ');
}
