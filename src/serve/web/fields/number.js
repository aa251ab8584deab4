// An integer or a number. A text input (so "61,000" and Thai digits are accepted while typing);
// beside it the amount with thousands separators. Text that is not a number stays in the input
// with a message and does not change the data.
import { h } from '../dom.js';
import { t, arabicDigits, groupedNumber } from '../i18n.js';
import { LeafField } from './base.js';

export function parseNumber(text, integer) {
  const s = arabicDigits(String(text)).replace(/[,\s_]/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: t('not_a_number') };
  const n = Number(s);
  if (integer && !Number.isInteger(n)) return { error: t('not_an_integer') };
  return { value: n };
}

export class NumberField extends LeafField {
  kindName() { return 'number'; }
  makeControl() {
    const c = h('input', { type: 'text', inputmode: this.node.kind === 'integer' ? 'numeric' : 'decimal', autocomplete: 'off' });
    this.local = h('p', { class: 'local-error', role: 'alert' });
    c.addEventListener('input', () => {
      const r = parseNumber(c.value, this.node.kind === 'integer');
      if (r.error) {
        this.local.textContent = r.error;
        c.setAttribute('aria-invalid', 'true');
        this.showBeside(null);
        return;
      }
      this.local.textContent = '';
      if (!c.classList.contains('server-invalid')) c.removeAttribute('aria-invalid');
      this.write(r.value);
    });
    return c;
  }
  setPath(path) {
    super.setPath(path);
    if (!this.decorated) { this.decorated = true; this.diag.before(this.local); }
  }
  showBeside(v = this.value()) {
    // Years and small counts need no separators; amounts (4+ digits) do.
    this.beside.textContent = typeof v === 'number' && Math.abs(v) >= 10000 ? '= ' + groupedNumber(v) : '';
  }
  update() {
    const v = this.value();
    const current = parseNumber(this.control.value, false).value;
    if (current !== v || this.control.value === '') this.control.value = v === undefined || v === null ? '' : String(v);
    this.showBeside(v);
  }
}
