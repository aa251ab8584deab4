// A date: <input type=date> holding the Gregorian "YYYY-MM-DD" the data stores, and beside it
// the Thai date the documents print (๑ ตุลาคม ๒๕๖๕).
import { h } from '../dom.js';
import { thaiDate } from '../i18n.js';
import { LeafField } from './base.js';

export class DateField extends LeafField {
  kindName() { return 'date'; }
  makeControl() {
    const c = h('input', { type: 'date' });
    c.addEventListener('input', () => { if (c.value) this.write(c.value); });
    c.addEventListener('change', () => { if (c.value) this.write(c.value); });
    return c;
  }
  showBeside() { this.beside.textContent = thaiDate(this.value()); }
  update() {
    const v = this.value() || '';
    if (this.control.value !== v) this.control.value = v;
    this.showBeside();
  }
}
