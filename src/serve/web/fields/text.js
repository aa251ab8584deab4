// A paragraph: an auto-growing <textarea> (CSS field-sizing where the browser has it, the
// scroll height otherwise).
import { h } from '../dom.js';
import { StringField } from './string.js';

export class TextField extends StringField {
  kindName() { return 'text'; }
  makeControl() {
    const c = h('textarea', { rows: 2 });
    c.addEventListener('input', () => { this.write(c.value); this.grow(); });
    return c;
  }
  grow() {
    if (CSS.supports && CSS.supports('field-sizing', 'content')) return;
    this.control.style.height = 'auto';
    this.control.style.height = this.control.scrollHeight + 2 + 'px';
  }
  update() { super.update(); requestAnimationFrame(() => this.grow()); }
}
