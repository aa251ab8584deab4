// The shell every leaf field shares: label, control, text beside it, help, diagnostics, and a
// remove button for an optional key. Ids follow the data path: control "f:"+path, help
// "h:"+path, diagnostics "d:"+path.
import { h, button } from '../dom.js';
import { t } from '../i18n.js';

export class LeafField {
  constructor(ctx, node, path, opts = {}) {
    this.ctx = ctx;
    this.node = node;
    this.path = path;
    this.opts = opts;
    const { label, help } = opts.labelText !== undefined ? { label: opts.labelText, help: '' } : ctx.describe(path);
    this.labelText = label;
    this.control = this.makeControl();
    this.labelEl = h('label', { class: 'label' }, label);
    this.helpEl = help ? h('p', { class: 'help' }, help) : null;
    this.beside = h('span', { class: 'beside', 'aria-live': 'off' });
    this.diag = h('div', { class: 'diag' });
    const controls = h('div', { class: 'control' }, this.control, this.beside);
    if (opts.onRemove) {
      controls.append(button('✕', () => opts.onRemove(), {
        class: 'icon remove-key', title: t('remove_field', { label }), 'aria-label': t('remove_field', { label }),
      }));
    }
    // A row of a list keeps its label for screen readers only.
    if (opts.hideLabel) this.labelEl.classList.add('visually-hidden');
    this.el = h('div', { class: `field kind-${this.kindName()}` }, this.labelEl, controls, this.helpEl, this.diag);
    this.setPath(path);
    this.update();
  }

  kindName() { return 'string'; }
  makeControl() { return h('input', { type: 'text' }); }
  value() { return this.ctx.store.get(this.path); }
  write(v) { this.ctx.store.put(this.path, v); this.showBeside(); }
  showBeside() {}

  setPath(path) {
    this.path = path;
    this.el && (this.el.dataset.path = path);
    this.control.id = 'f:' + path;
    this.labelEl.htmlFor = this.control.id;
    if (this.helpEl) this.helpEl.id = 'h:' + path;
    this.diag.id = 'd:' + path;
    this.control.setAttribute('aria-describedby', [this.helpEl && this.helpEl.id, this.diag.id].filter(Boolean).join(' '));
  }

  setLabel(text) { this.labelText = text; this.labelEl.textContent = text; }
  update() {}
  focus() { this.control.focus(); }
}
