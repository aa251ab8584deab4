// A short text: <input type=text>.
import { LeafField } from './base.js';

export class StringField extends LeafField {
  makeControl() {
    const c = super.makeControl();
    c.addEventListener('input', () => this.write(c.value));
    return c;
  }
  update() {
    const v = this.value();
    const s = v === undefined || v === null ? '' : String(v);
    if (this.control.value !== s) this.control.value = s;
  }
}
