// Selects: a string from a fixed list (`choices`), a person id (`ref: "people"`, among the
// data set's people as edited now) and an OIT item id (`ref: "oit"`). A value not in the list
// stays selectable and is marked.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { LeafField } from './base.js';

class SelectField extends LeafField {
  kindName() { return 'select'; }
  makeControl() {
    const c = h('select');
    c.addEventListener('change', () => this.write(c.value));
    return c;
  }
  options() { return []; }
  unknownLabel(v) { return t('unknown_value', { v }); }
  fill() {
    const v = this.value();
    const opts = this.options();
    const c = this.control;
    const wanted = [{ value: '', label: t('choose') }, ...opts];
    if (v !== undefined && v !== '' && !opts.some(o => o.value === v)) wanted.push({ value: v, label: this.unknownLabel(v) });
    // Rebuild only when the list changed, so an open select is left alone.
    const sig = JSON.stringify(wanted);
    if (sig !== this.sig) {
      this.sig = sig;
      c.replaceChildren(...wanted.map(o => h('option', { value: o.value }, o.label)));
    }
    c.value = v === undefined ? '' : String(v);
  }
  update() { this.fill(); }
}

export class ChoiceField extends SelectField {
  options() { return this.node.choices.map(ch => ({ value: ch.value, label: ch[lang()] || ch.th || ch.value })); }
}

export class PersonField extends SelectField {
  constructor(ctx, node, path, opts) {
    super(ctx, node, path, opts);
    // People added, renamed or removed on the page are choosable at once.
    this.onPeople = e => { if (e.detail.path === 'people' || String(e.detail.path).startsWith('people')) this.fill(); };
    ctx.store.addEventListener('change', this.onPeople);
    ctx.store.addEventListener('load', this.onPeople);
  }
  kindName() { return 'person'; }
  options() { return this.ctx.store.people().map(p => ({ value: p.id, label: `${p.name} (${p.id})` })); }
  unknownLabel(id) { return t('unknown_person', { id }); }
  showBeside() {}
}

export class OitField extends SelectField {
  kindName() { return 'oit'; }
  options() { return this.ctx.store.oitItems().map(o => ({ value: o.id, label: `${o.id} ${o.title}` })); }
}
