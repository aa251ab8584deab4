// A value that is either a plain string or a table (a step, an annex detail): a switch between
// the simple text and the full form; switching keeps the text.
import { h } from '../dom.js';
import { t } from '../i18n.js';

let seq = 0;

export class OneOfField {
  constructor(ctx, node, path, opts = {}) {
    this.ctx = ctx;
    this.node = node;
    this.path = path;
    this.opts = opts;
    this.textAlt = node.alternatives.findIndex(a => a.kind === 'string' || a.kind === 'text');
    this.tableAlt = node.alternatives.findIndex(a => a.kind === 'table');
    const { label } = ctx.describe(path);
    this.label = opts.labelText || label;
    this.name = 'oneof-' + ++seq;
    this.radios = [this.textAlt, this.tableAlt].map((alt, i) => {
      const r = h('input', { type: 'radio', name: this.name, id: `${this.name}-${i}`, value: String(alt) });
      r.addEventListener('change', () => { if (r.checked) this.switchTo(alt); });
      return r;
    });
    const legend = h('legend', { class: 'visually-hidden' }, t('form_of', { label: this.label }));
    this.switcher = h('fieldset', { class: 'mode-switch' }, legend,
      this.radios[0], h('label', { for: this.radios[0].id }, t('mode_text')),
      this.radios[1], h('label', { for: this.radios[1].id }, t('mode_full')));
    this.inner = h('div', { class: 'oneof-body' });
    this.el = h('div', { class: 'group oneof' }, this.switcher, this.inner);
    this.render();
  }
  current() {
    const v = this.ctx.store.get(this.path);
    return v && typeof v === 'object' && this.tableAlt >= 0 ? this.tableAlt : this.textAlt;
  }
  render() {
    this.alt = this.current();
    this.radios.forEach(r => { r.checked = Number(r.value) === this.alt; });
    const node = this.node.alternatives[this.alt];
    this.comp = this.ctx.build(node, this.path, {
      ...this.opts, mode: 'row', labelText: this.alt === this.textAlt ? this.label : undefined,
    });
    this.inner.replaceChildren(this.comp.el);
    this.el.dataset.path = this.path;
  }
  switchTo(alt) {
    const v = this.ctx.store.get(this.path);
    const table = this.node.alternatives[this.tableAlt];
    let next;
    if (alt === this.tableAlt) {
      next = this.ctx.defaultFor(table);
      const textKey = (table.fields.find(f => f.type.kind === 'string' || f.type.kind === 'text') || {}).name;
      if (textKey) next[textKey] = typeof v === 'string' ? v : '';
    } else {
      next = v && typeof v === 'object' ? String(v.text ?? Object.values(v).find(x => typeof x === 'string') ?? '') : (v ?? '');
    }
    this.ctx.store.put(this.path, next);
    this.render();
    this.comp.focus();
  }
  setPath(path) { this.path = path; this.el.dataset.path = path; this.comp.setPath(path); }
  update() { if (this.current() !== this.alt) this.render(); else this.comp.update(); }
  focus() { this.comp.focus(); }
  firstControl() { return this.comp.control || (this.comp.firstControl && this.comp.firstControl()); }
  setLabel(text) { this.label = text; if (this.comp.setLabel) this.comp.setLabel(text); }
}
