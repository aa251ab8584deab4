// A table: its fields in the schema's order. Present and required keys are fields; an optional
// key absent from the data is a collapsed line with an "add" button, and a present optional key
// can be removed. Modes: "section" (a top-level section, heading h3), "group" (a nested table in
// a <details>), "row" (the body of a list row, which brings its own heading).
import { h, button } from '../dom.js';
import { t } from '../i18n.js';
import { child } from '../paths.js';

export class Slot {
  constructor(ctx, field, path, mode) {
    this.ctx = ctx;
    this.mode = mode;
    this.field = field;
    this.path = path;
    this.el = h('div', { class: 'slot' });
    this.comp = null;
    this.render();
  }
  present() { return this.ctx.store.get(this.path) !== undefined; }
  render() {
    const { ctx, field } = this;
    if (this.present() || field.required) {
      this.comp = ctx.build(field.type, this.path, {
        key: field.name,
        mode: this.mode,
        // A whole top-level section is not removed from the form by one click.
        onRemove: field.required || this.mode === 'section' ? undefined : () => this.remove(),
      });
      this.el.replaceChildren(this.comp.el);
    } else {
      this.comp = null;
      const { label, help } = ctx.describe(this.path);
      this.addButton = button(t('add'), () => this.add(), { class: 'secondary add-key', 'aria-label': t('add_field', { label }) });
      this.el.replaceChildren(h('div', { class: 'field absent', title: help || null },
        h('span', { class: 'label' }, label), ' ', h('span', { class: 'absent-note' }, `(${t('not_given')})`), ' ', this.addButton));
    }
  }
  add() {
    this.ctx.store.put(this.path, this.ctx.defaultFor(this.field.type));
    this.render();
    this.comp && this.comp.focus();
  }
  remove() {
    this.ctx.store.put(this.path, undefined);
    this.render();
    this.addButton && this.addButton.focus();
  }
  setPath(path) {
    this.path = path;
    if (this.comp) this.comp.setPath(path);
  }
  update() {
    const shown = !!this.comp;
    if (shown !== (this.present() || this.field.required)) this.render();
    else if (this.comp) this.comp.update();
  }
  focus() { this.comp ? this.comp.focus() : this.addButton.focus(); }
}

export class TableField {
  constructor(ctx, node, path, opts = {}) {
    this.ctx = ctx;
    this.node = node;
    this.path = path;
    this.opts = opts;
    this.mode = opts.mode || 'group';
    const { label, help } = ctx.describe(path);
    this.label = label;
    this.slots = node.fields.map(f => new Slot(ctx, f, child(path, f.name)));
    const body = h('div', { class: 'fields' }, this.slots.map(s => s.el));
    this.diag = h('div', { class: 'diag' });
    const removeBtn = opts.onRemove
      ? button(t('remove'), () => opts.onRemove(), { class: 'secondary remove-key', 'aria-label': t('remove_field', { label }) })
      : null;
    const helpEl = help ? h('p', { class: 'help' }, help) : null;
    if (this.mode === 'section') {
      this.head = h('h3', { tabindex: '-1' }, label);
      this.el = h('section', { class: 'group section' }, this.head, helpEl, removeBtn, this.diag, body);
    } else if (this.mode === 'row') {
      this.head = null;
      this.el = h('div', { class: 'group row-body' }, body);
    } else {
      this.head = h('summary', {}, label);
      this.el = h('details', { class: 'group table', open: true }, this.head, h('div', { class: 'group-body' }, helpEl, removeBtn, this.diag, body));
    }
    this.setPath(path);
  }
  setPath(path) {
    this.path = path;
    this.el.dataset.path = path;
    if (this.head) {
      this.head.id = 'f:' + path;
      this.diag.id = 'd:' + path;
      this.head.setAttribute('aria-describedby', this.diag.id);
    }
    this.node.fields.forEach((f, i) => this.slots[i].setPath(child(path, f.name)));
  }
  update() { this.slots.forEach(s => s.update()); }
  focus() {
    const first = this.slots[0];
    if (this.mode === 'row' && first) first.focus(); else (this.head || this.el).focus();
  }
  // The first field's control, for a row's "paste rows into the first field".
  firstControl() {
    const s = this.slots[0];
    return s && s.comp && s.comp.control;
  }
}
