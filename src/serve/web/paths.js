// Data paths (docs/SERVE.md): dotted keys from the root, array indices in brackets, keys that
// are not bare TOML keys quoted. One path names a form field (DOM id "f:" + path), a
// diagnostic and a preview region.

const BARE = /^[A-Za-z0-9_-]+$/;

export function keyPart(key) { return BARE.test(key) ? key : JSON.stringify(key); }
export function child(path, key) { return path ? `${path}.${keyPart(key)}` : keyPart(key); }
export function item(path, index) { return `${path}[${index}]`; }

// "a.b[3].\"x y\"" → ["a", "b", 3, "x y"]
export function parse(path) {
  const out = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') { i++; continue; }
    if (c === '[') {
      const end = path.indexOf(']', i);
      out.push(Number(path.slice(i + 1, end)));
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
      out.push(JSON.parse(path.slice(i, j + 1)));
      i = j + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

export function format(steps) {
  let p = '';
  for (const s of steps) p = typeof s === 'number' ? item(p, s) : child(p, s);
  return p;
}

// The parent path, or null at the root: "a.b[2]" → "a.b", "a.b" → "a".
export function parent(path) {
  const steps = parse(path);
  if (steps.length <= 1) return null;
  return format(steps.slice(0, -1));
}

// The descriptions' key: no array steps ("people[3].last" → "people.last").
export function describedBy(path) { return parse(path).filter(s => typeof s !== 'number').join('.'); }

// True when `inner` is `outer` or lies inside it.
export function within(inner, outer) {
  return inner === outer || inner.startsWith(outer + '.') || inner.startsWith(outer + '[');
}
