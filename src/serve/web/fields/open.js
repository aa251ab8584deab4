// A table whose keys the user chooses, values numbers (measures.oit: item id → score): one
// number field per key, removable, and a line to add a key.
import { h, button } from '../dom.js';
import { t } from '../i18n.js';
import { child } from '../paths.js';
import { NumberField } from './number.js';

let seq = 0;

export class OpenTableField {
  constructor(ctx, node, path, opts = {}) {
    this.ctx = ctx;
    this.node = node;
    this.path = path;
    const { label, help } = ctx.describe(path);
    this.head = h('summary', {}, label);
    this.diag = h('div', { class: 'diag' });
    this.list = h('div', { class: 'open-entries' });
    const n = ++seq;
    this.newKey = h('input', { type: 'text', id: `newkey-${n}`, size: 8 });
    const addLine = h('div', { class: 'add-line' },
      h('label', { for: this.newKey.id }, t('key_name')), this.newKey,
      button(t('add'), () => this.addKey(), { class: 'secondary' }));
    this.el = h('details', { class: 'group open-table', open: true }, this.head,
      h('div', { class: 'group-body' }, help ? h('p', { class: 'help' }, help) : null, this.diag, this.list, addLine));
    this.setPath(path);
  }
  render() {
    const v = this.ctx.store.get(this.path) || {};
    this.entries = Object.keys(v).filter(k => !k.startsWith('@')).map(k => new NumberField(this.ctx, { kind: 'number' }, child(this.path, k), {
      labelText: k, onRemove: () => { const obj = this.ctx.store.get(this.path); delete obj[k]; this.ctx.store.touch(this.path); this.render(); },
    }));
    this.list.replaceChildren(...this.entries.map(e => e.el));
  }
  addKey() {
    const k = this.newKey.value.trim();
    if (!k) return this.newKey.focus();
    const obj = this.ctx.store.get(this.path);
    if (obj && k in obj) return document.getElementById('f:' + child(this.path, k))?.focus();
    this.ctx.store.put(child(this.path, k), 0);
    this.newKey.value = '';
    this.render();
    document.getElementById('f:' + child(this.path, k))?.focus();
  }
  setPath(path) {
    this.path = path;
    this.el.dataset.path = path;
    this.head.id = 'f:' + path;
    this.diag.id = 'd:' + path;
    this.render();
  }
  update() { this.render(); }
  focus() { this.head.focus(); }
}
