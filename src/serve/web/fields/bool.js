// A boolean: a checkbox, its label after it.
import { LeafField } from './base.js';
import { h } from '../dom.js';

export class BoolField extends LeafField {
  kindName() { return 'bool'; }
  makeControl() {
    const c = h('input', { type: 'checkbox' });
    c.addEventListener('change', () => this.write(c.checked));
    return c;
  }
  setPath(path) {
    super.setPath(path);
    // The label goes right of the box.
    const controls = this.control.parentElement;
    if (controls && this.labelEl.parentElement !== controls) controls.insertBefore(this.labelEl, this.control.nextSibling);
  }
  update() { this.control.checked = this.value() === true; }
}
