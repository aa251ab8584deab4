// The form of one data set: a tab per file, in each the file's sections built from the schema
// (fields/index.js), and the diagnostics placed at their fields. Every field's DOM id is
// "f:" + its data path.
import { h, revealElement } from './dom.js';
import { t, lang, labelAndHelp } from './i18n.js';
import { describedBy, parent } from './paths.js';
import { build, defaultFor } from './fields/index.js';
import { Slot } from './fields/table.js';

export class Form {
  constructor(root, { store, schema, api, setName }) {
    this.root = root;
    this.store = store;
    this.schema = schema;
    this.ctx = {
      store, api, setName,
      build: (node, path, opts) => build(this.ctx, node, path, opts),
      defaultFor,
      describe: path => {
        const key = describedBy(path);
        return labelAndHelp(schema.descriptions[key], key.split('.').pop());
      },
      labelsIn: path => {
        const d = schema.descriptions[describedBy(path)] || {};
        return ['th', 'en'].map(l => d[l] || '').filter(Boolean).map(s => labelAndHelpIn(s));
      },
    };
    this.marked = [];
  }

  render() {
    const { store, schema } = this;
    const files = [...store.files.keys()];
    const byFile = new Map(files.map(f => [f, []]));
    for (const field of schema.root.fields) {
      const file = store.fileFor(field.name);
      if (byFile.has(file)) byFile.get(file).push(field);
    }
    this.tabs = h('div', { role: 'tablist', class: 'file-tabs', 'aria-label': t('files') });
    this.panels = h('div', { class: 'file-panels' });
    this.tabButtons = new Map();
    this.components = [];
    files.forEach((name, i) => {
      const tab = h('button', { type: 'button', role: 'tab', id: 'tab:' + name, 'aria-controls': 'panel:' + name, 'aria-selected': String(i === 0), tabindex: i === 0 ? '0' : '-1' },
        h('span', { class: 'tab-name' }, name), h('span', { class: 'dirty-mark', 'aria-hidden': 'true' }), h('span', { class: 'visually-hidden dirty-text' }));
      tab.addEventListener('click', () => this.showFile(name));
      tab.addEventListener('keydown', e => this.tabKey(e, i, files));
      this.tabButtons.set(name, tab);
      this.tabs.append(tab);
      const panel = h('div', { role: 'tabpanel', id: 'panel:' + name, 'aria-labelledby': 'tab:' + name, class: 'file-panel', hidden: i !== 0, 'data-panel': name });
      panel.addEventListener('reveal-panel', () => this.showFile(name));
      for (const field of byFile.get(name)) {
        const slot = new Slot(this.ctx, { ...field, type: field.type }, field.name, 'section');
        this.components.push(slot);
        panel.append(slot.el);
      }
      if (!byFile.get(name).length) panel.append(h('p', {}, name));
      this.panels.append(panel);
    });
    this.root.replaceChildren(this.tabs, this.panels);
    this.current = files[0];
    this.updateDirty();
  }

  tabKey(e, i, files) {
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % files.length;
    if (e.key === 'ArrowLeft') j = (i - 1 + files.length) % files.length;
    if (e.key === 'Home') j = 0;
    if (e.key === 'End') j = files.length - 1;
    if (j === null) return;
    e.preventDefault();
    this.showFile(files[j]);
    this.tabButtons.get(files[j]).focus();
  }

  // The tab of the file that holds the section a document kind is made from
  // ("monitoring-6m" → monitoring → monitoring.toml).
  showFileForKind(kind) {
    const section = Object.keys(this.store.sections).find(s => kind === s || kind.startsWith(s + '-'));
    if (section && this.tabButtons.has(this.store.sections[section])) this.showFile(this.store.sections[section]);
  }

  showFile(name) {
    this.current = name;
    for (const [n, tab] of this.tabButtons) {
      const on = n === name;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      document.getElementById('panel:' + n).hidden = !on;
    }
  }

  updateDirty() {
    for (const [name, tab] of this.tabButtons) {
      const f = this.store.files.get(name);
      const dirty = !!(f && f.dirty);
      tab.classList.toggle('dirty', dirty);
      tab.querySelector('.dirty-mark').textContent = dirty ? ' ●' : '';
      tab.querySelector('.dirty-text').textContent = dirty ? ` (${t('unsaved')})` : '';
    }
  }

  update() { this.components.forEach(c => c.update()); }

  // The element that shows `path`: its field, else the nearest enclosing one that is shown.
  elementFor(path) {
    for (let p = path; p; p = parent(p)) {
      const el = document.getElementById('f:' + p);
      if (el) return { el, path: p };
    }
    return null;
  }

  // Opens the section, row and tab of `path` and focuses its field.
  focusPath(path, { scroll = true } = {}) {
    const found = this.elementFor(path);
    if (!found) return false;
    revealElement(found.el);
    found.el.focus({ preventScroll: true });
    if (scroll) found.el.scrollIntoView({ block: 'center', behavior: 'auto' });
    return found.el;
  }

  // Each diagnostic next to its field: the message in the field's "d:" element, aria-invalid
  // on the control for an error.
  applyDiagnostics(list) {
    for (const el of this.marked) {
      el.removeAttribute('aria-invalid');
      el.classList.remove('server-invalid', 'server-warning');
    }
    this.marked = [];
    for (const d of this.root.querySelectorAll('.diag')) if (d.childElementCount) d.replaceChildren();
    for (const [name, tab] of this.tabButtons || []) tab.classList.remove('has-error');
    for (const diag of list) {
      if (!diag.path) continue;
      const found = this.elementFor(diag.path);
      if (!found) continue;
      const box = document.getElementById('d:' + found.path);
      if (box) {
        box.append(h('p', { class: 'diag-' + diag.severity },
          h('span', { class: 'diag-severity' }, t('severity_' + diag.severity) + ': '), diag.message));
      }
      const el = found.el;
      if (diag.severity === 'error') {
        if (/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) el.setAttribute('aria-invalid', 'true');
        el.classList.add('server-invalid');
        const panel = el.closest('[data-panel]');
        if (panel) this.tabButtons.get(panel.dataset.panel)?.classList.add('has-error');
      } else {
        el.classList.add('server-warning');
      }
      this.marked.push(el);
    }
  }
}

function labelAndHelpIn(s) {
  const { label } = labelAndHelp({ th: s, en: s }, '');
  return label;
}
