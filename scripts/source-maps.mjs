// Trims a source map to the mappings into Tandem's own files: a bundle's map is mostly about its
// dependencies, and src/app/stack-traces.ts parses a chunk's whole map the first time a stack passes through it.
// Stack traces still name src/, adapters/ and db/ files and lines; a frame in a dependency shows the bundle.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** The numbers of one segment of a `mappings` string (base64 VLQ). */
function decodeSegment(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`not a source map digit: ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeValue(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += B64[digit];
  } while (v > 0);
  return out;
}

/**
 * The map with only the segments into Tandem's own files (`own(source)`), and only those sources. Where
 * dropped code begins (and at the start of a line that does not begin with a kept segment), a segment with
 * no source ends the mapping before it, so that a frame in a dependency is not attributed to the last line
 * of Tandem's code before it.
 */
export function keepOwnMappings(map, own) {
  const newIndex = [];
  const sources = [];
  map.sources.forEach((s, i) => {
    if (own(s)) {
      newIndex[i] = sources.length;
      sources.push(s);
    }
  });
  // Absolute state while decoding; the previous kept segment's state while encoding.
  const at = { src: 0, line: 0, col: 0, name: 0 };
  const out = { src: 0, line: 0, col: 0, name: 0 };
  const names = [];
  const nameIndex = new Map();
  let mapped = false;
  const lines = map.mappings.split(';').map((generatedLine) => {
    let genCol = 0;
    let outGenCol = 0;
    const kept = [];
    const unmap = (col) => {
      if (!mapped) return;
      kept.push(encodeValue(col - outGenCol));
      outGenCol = col;
      mapped = false;
    };
    for (const segment of generatedLine.split(',')) {
      if (!segment) continue;
      const v = decodeSegment(segment);
      genCol += v[0];
      if (v.length >= 4) {
        at.src += v[1];
        at.line += v[2];
        at.col += v[3];
        if (v.length >= 5) at.name += v[4];
      }
      if (v.length < 4 || newIndex[at.src] === undefined) {
        unmap(genCol);
        continue;
      }
      if (kept.length === 0 && genCol > 0) unmap(0);
      const s = newIndex[at.src];
      let text = encodeValue(genCol - outGenCol) + encodeValue(s - out.src) + encodeValue(at.line - out.line);
      text += encodeValue(at.col - out.col);
      if (v.length >= 5) {
        const name = map.names[at.name];
        let n = nameIndex.get(name);
        if (n === undefined) {
          n = names.length;
          names.push(name);
          nameIndex.set(name, n);
        }
        text += encodeValue(n - out.name);
        out.name = n;
      }
      kept.push(text);
      outGenCol = genCol;
      out.src = s;
      out.line = at.line;
      out.col = at.col;
      mapped = true;
    }
    if (kept.length === 0) unmap(0);
    return kept.join(',');
  });
  return { ...map, sources, names, mappings: lines.join(';') };
}
