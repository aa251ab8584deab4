// Pure state of the page: the loaded data set, its files as edited, dirty flags and
// diagnostics. No DOM here; changes are announced as events on the store.
import { parse } from './paths.js';

const clone = v => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

export class Store extends EventTarget {
  constructor() {
    super();
    this.set = null;          // GET /api/sets/<set> answer (files replaced by this.files)
    this.files = new Map();   // name → {name, version, data, saved (JSON text), dirty}
    this.sections = {};       // top-level key → file name
    this.diagnostics = [];
    this.revision = 0;        // bumped on every edit
  }

  load(set) {
    this.set = set;
    this.files = new Map();
    for (const f of set.files) {
      this.files.set(f.name, { name: f.name, version: f.version, data: f.data, saved: JSON.stringify(f.data), dirty: false });
    }
    this.sections = { ...set.sections };
    this.diagnostics = set.diagnostics || [];
    this.revision++;
    this.emit('load');
  }

  emit(type, detail = {}) { this.dispatchEvent(new CustomEvent(type, { detail })); }

  // Which file holds the top-level section `key`: the data set says; a new section goes to
  // "<key>.toml" if there is one, else to office.toml (people, output), else the first file.
  fileFor(key) {
    if (this.sections[key]) return this.sections[key];
    if (this.files.has(key + '.toml')) return key + '.toml';
    if (this.files.has('office.toml')) return 'office.toml';
    return this.files.keys().next().value;
  }

  // The merged tree's value at `path` (undefined when absent).
  get(path) {
    const steps = typeof path === 'string' ? parse(path) : path;
    if (!steps.length) return undefined;
    const file = this.files.get(this.sections[steps[0]]);
    let v = file ? file.data : undefined;
    for (const s of steps) {
      if (v === null || typeof v !== 'object') return undefined;
      v = v[s];
    }
    return v;
  }

  has(path) { return this.get(path) !== undefined; }

  // Sets (or, with value undefined, removes) the value at `path`, creating parent tables.
  put(path, value) {
    const steps = parse(path);
    const top = steps[0];
    const name = this.fileFor(top);
    const file = this.files.get(name);
    if (!file) return;
    if (!this.sections[top] && value !== undefined) this.sections[top] = name;
    let v = file.data;
    for (let i = 0; i < steps.length - 1; i++) {
      if (v[steps[i]] === undefined || v[steps[i]] === null) v[steps[i]] = typeof steps[i + 1] === 'number' ? [] : {};
      v = v[steps[i]];
    }
    const last = steps[steps.length - 1];
    if (value === undefined) {
      if (Array.isArray(v)) v.splice(last, 1); else delete v[last];
      if (steps.length === 1) delete this.sections[top];
    } else {
      v[last] = value;
    }
    this.touch(path, name);
  }

  // Marks the file holding `path` changed after an edit in place (arrays moved, rows added).
  touch(path, name = this.fileFor(parse(path)[0])) {
    const file = this.files.get(name);
    if (!file) return;
    const wasDirty = file.dirty;
    file.dirty = JSON.stringify(file.data) !== file.saved;
    this.revision++;
    this.emit('change', { path, file: name });
    if (wasDirty !== file.dirty) this.emit('dirty', { file: name });
  }

  dirtyFiles() { return [...this.files.values()].filter(f => f.dirty); }
  isDirty() { return this.dirtyFiles().length > 0; }

  // The body of POST /check and /preview: every edited file's data.
  editedData() {
    const out = {};
    for (const f of this.dirtyFiles()) out[f.name] = f.data;
    return out;
  }

  // After a save: new versions, the saved text, and the `@row` of rows that the save created
  // (taken from the reloaded data set `fresh`, whose structure matches what was saved).
  markSaved(versions, fresh) {
    for (const [name, version] of Object.entries(versions)) {
      const file = this.files.get(name);
      if (!file) continue;
      file.version = version;
      const freshFile = fresh && fresh.files.find(f => f.name === name);
      if (freshFile) adoptRows(file.data, freshFile.data);
      file.saved = JSON.stringify(file.data);
      file.dirty = false;
      this.emit('dirty', { file: name });
    }
  }

  setDiagnostics(list) {
    this.diagnostics = list || [];
    this.emit('diagnostics');
  }

  // The data set's people as edited: [{id, name}] for person selects.
  people() {
    const list = this.get('people');
    if (!Array.isArray(list)) return this.set ? this.set.people || [] : [];
    return list.filter(p => p && typeof p.id === 'string' && p.id).map(p => ({
      id: p.id, name: [p.title || '', p.first || ''].join('') + (p.last ? ' ' + p.last : ''),
    }));
  }

  oitItems() { return (this.set && this.set.oit_items) || []; }
  documents() { return (this.set && this.set.documents) || []; }
}

function adoptRows(mine, fresh) {
  if (Array.isArray(mine) && Array.isArray(fresh)) {
    mine.forEach((m, i) => {
      if (m && typeof m === 'object' && fresh[i] && typeof fresh[i] === 'object') {
        if (!Array.isArray(m) && fresh[i]['@row'] !== undefined) m['@row'] = fresh[i]['@row'];
        adoptRows(m, fresh[i]);
      }
    });
  } else if (mine && fresh && typeof mine === 'object' && typeof fresh === 'object') {
    for (const k of Object.keys(mine)) if (!k.startsWith('@')) adoptRows(mine[k], fresh[k]);
  }
}

export { clone };
