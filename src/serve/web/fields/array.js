// A list (people, annex items, activities, steps, photos, strings …): add, remove, move up and
// down. Rows are keyed by a stable row id (data-key), never re-rendered over focused fields:
// a move moves the row's element and renames the paths inside it. `@row` stays on the data of
// rows loaded from the file and is never shown.
import { h, button } from '../dom.js';
import { t } from '../i18n.js';
import { item, child, describedBy } from '../paths.js';
import { parseRows, pasteColumns, rowFromCells } from './paste.js';
import { uploadFile } from './image.js';

let nextKey = 1;
const SCALAR = new Set(['string', 'text', 'integer', 'number', 'date', 'bool']);

export class ArrayField {
  constructor(ctx, node, path, opts = {}) {
    this.ctx = ctx;
    this.node = node;
    this.path = path;
    this.opts = opts;
    this.element = node.element;
    this.scalar = SCALAR.has(this.element.kind);
    const { label, help } = ctx.describe(path);
    this.label = label;
    this.head = h(opts.mode === 'section' ? 'h3' : 'h4', { tabindex: '-1', class: 'array-head' }, label);
    this.diag = h('div', { class: 'diag' });
    this.list = h('ol', { class: 'rows' });
    this.addBtn = button(t('add_row'), () => this.addRow(), { class: 'secondary add-row' });
    const tools = h('div', { class: 'array-tools' }, this.addBtn);
    if (opts.onRemove) tools.append(button(t('remove'), () => opts.onRemove(), { class: 'secondary remove-key', 'aria-label': t('remove_field', { label }) }));
    this.columns = this.element.kind === 'table' ? pasteColumns(this.element) : [];
    for (const c of this.columns) {
      const p = child(item(path, 0), c.name);
      c.label = ctx.describe(p).label;
      c.labels = ctx.labelsIn(p);
    }
    const extra = [];
    if (this.columns.length >= 2) extra.push(this.pasteBox());
    if (this.element.kind === 'table' && this.element.fields.some(f => f.name === 'src')) extra.push(this.photoDrop());
    this.el = h('div', { class: 'group array' + (this.scalar ? ' scalar-list' : '') },
      this.head, help ? h('p', { class: 'help' }, help) : null, this.diag, this.list, tools, extra);
    this.rows = [];
    this.setPath(path);
    this.sync();
  }

  values() { const v = this.ctx.store.get(this.path); return Array.isArray(v) ? v : []; }

  // Rows for the data: existing rows kept (by position), missing ones made, extra ones dropped.
  sync() {
    const values = this.values();
    while (this.rows.length > values.length) this.rows.pop().li.remove();
    this.rows.forEach(r => r.comp.update());
    const many = values.length > 6;
    for (let i = this.rows.length; i < values.length; i++) this.appendRow(i, !many);
  }

  appendRow(i, open) {
    const key = nextKey++;
    const path = item(this.path, i);
    const comp = this.ctx.build(this.element, path, { mode: 'row', hideLabel: this.scalar, labelText: this.scalar ? this.rowLabel(i) : undefined });
    const up = button('↑', () => this.move(this.rowIndex(key), -1), { class: 'icon' });
    const down = button('↓', () => this.move(this.rowIndex(key), 1), { class: 'icon' });
    const del = button('✕', () => this.remove(this.rowIndex(key)), { class: 'icon danger' });
    const tools = h('div', { class: 'row-tools' }, up, down, del);
    const row = { key, comp, up, down, del };
    if (this.scalar) {
      row.li = h('li', { class: 'row scalar', 'data-key': String(key) }, comp.el, tools);
    } else {
      row.title = h('span', { class: 'row-title' });
      row.summary = h('summary', {}, row.title);
      row.diag = h('div', { class: 'diag' });
      row.details = h('details', { open }, row.summary, h('div', { class: 'row-body-wrap' }, tools, row.diag, comp.el));
      row.li = h('li', { class: 'row', 'data-key': String(key) }, row.details);
      row.li.addEventListener('input', () => this.title(row));
      row.li.addEventListener('change', () => this.title(row));
    }
    this.watchPaste(row);
    this.rows.splice(i, 0, row);
    this.list.insertBefore(row.li, this.rows[i + 1] ? this.rows[i + 1].li : null);
    this.setRowPath(row, i);
    return row;
  }

  rowIndex(key) { return this.rows.findIndex(r => r.key === key); }
  rowLabel(i) { return `${this.label} ${t('row', { n: i + 1 })}`; }

  setRowPath(row, i) {
    const path = item(this.path, i);
    row.comp.setPath(path);
    row.li.dataset.path = path;
    const n = i + 1;
    row.up.setAttribute('aria-label', t('move_up', { n })); row.up.title = t('move_up', { n });
    row.down.setAttribute('aria-label', t('move_down', { n })); row.down.title = t('move_down', { n });
    row.del.setAttribute('aria-label', t('remove_row', { n })); row.del.title = t('remove_row', { n });
    row.up.disabled = i === 0;
    row.down.disabled = i === this.values().length - 1 && i === this.rows.length - 1;
    if (this.scalar) {
      row.comp.setLabel && row.comp.setLabel(this.rowLabel(i));
    } else {
      row.summary.id = 'f:' + path;
      row.diag.id = 'd:' + path;
      row.summary.setAttribute('aria-describedby', row.diag.id);
      this.title(row);
    }
  }

  // A row's heading: its number and its first text ("3. นางสาว …").
  title(row) {
    if (!row.title) return;
    const i = this.rows.indexOf(row);
    const v = this.ctx.store.get(item(this.path, i));
    let s = '';
    if (typeof v === 'string') s = v;
    else if (v && typeof v === 'object') {
      if (typeof v.first === 'string') s = [v.title, v.first].join('') + ' ' + (v.last || '');
      else if (typeof v.src === 'string') s = v.caption || v.src;
      else {
        const f = (this.element.fields || []).find(f => typeof v[f.name] === 'string' && v[f.name]);
        s = f ? v[f.name] : '';
        if (f && typeof v.title === 'string' && f.name !== 'title' && v.title) s += ' ' + v.title;
      }
    }
    s = s.trim();
    if (s.length > 70) s = s.slice(0, 68) + '…';
    row.title.textContent = `${t('row', { n: i + 1 })}${s ? ': ' + s : ''}`;
  }

  renumber(from = 0) {
    for (let i = from; i < this.rows.length; i++) this.setRowPath(this.rows[i], i);
    if (from > 0 && this.rows[from - 1]) this.setRowPath(this.rows[from - 1], from - 1);
  }

  ensureArray() {
    let arr = this.ctx.store.get(this.path);
    if (!Array.isArray(arr)) { this.ctx.store.put(this.path, []); arr = this.ctx.store.get(this.path); }
    return arr;
  }

  addRow(value = this.ctx.defaultFor(this.element), { focus = true } = {}) {
    const arr = this.ensureArray();
    arr.push(value);
    const row = this.appendRow(arr.length - 1, true);
    this.renumber(Math.max(0, arr.length - 2));
    this.ctx.store.touch(this.path);
    if (row.details) row.details.open = true;
    if (focus) row.comp.focus();
    return row;
  }

  move(i, delta) {
    const j = i + delta;
    const arr = this.values();
    if (i < 0 || j < 0 || j >= arr.length) return;
    const active = document.activeElement;
    [arr[i], arr[j]] = [arr[j], arr[i]];
    [this.rows[i], this.rows[j]] = [this.rows[j], this.rows[i]];
    const [a, b] = i < j ? [this.rows[i], this.rows[j]] : [this.rows[j], this.rows[i]];
    this.list.insertBefore(a.li, b.li);
    this.setRowPath(this.rows[i], i);
    this.setRowPath(this.rows[j], j);
    this.ctx.store.touch(this.path);
    if (active && active.isConnected && !active.disabled) active.focus();
    else (delta < 0 ? this.rows[j].up : this.rows[j].down).focus();
  }

  remove(i) {
    const arr = this.values();
    if (i < 0 || i >= arr.length) return;
    const v = arr[i];
    const hasContent = v && typeof v === 'object' && Object.entries(v).some(([k, x]) => !k.startsWith('@') && x !== '' && x !== undefined);
    if (hasContent && !window.confirm(t('confirm_remove_row', { n: i + 1 }))) return;
    arr.splice(i, 1);
    const [row] = this.rows.splice(i, 1);
    row.li.remove();
    this.renumber(i);
    this.ctx.store.touch(this.path);
    const next = this.rows[i] || this.rows[i - 1];
    if (next) (next.summary || next.comp).focus(); else this.addBtn.focus();
  }

  // Tab-separated rows pasted into a row's first field fill that row and the ones after it.
  watchPaste(row) {
    if (this.columns.length < 2) return;
    const control = row.comp.firstControl && row.comp.firstControl();
    if (!control) return;
    control.addEventListener('paste', e => {
      const text = e.clipboardData && e.clipboardData.getData('text/plain');
      if (!text || !text.includes('\t')) return;
      e.preventDefault();
      this.pasteText(text, this.rows.indexOf(row));
    });
  }

  pasteText(text, at = null) {
    const records = parseRows(text, this.columns, this.ctx);
    if (!records.length) return 0;
    const arr = this.ensureArray();
    records.forEach((cells, k) => {
      const idx = at === null ? arr.length : at + k;
      if (idx < arr.length) {
        Object.assign(arr[idx], rowFromCells(this.columns, cells, this.ctx, arr[idx]));
      } else {
        arr.push(rowFromCells(this.columns, cells, this.ctx, this.ctx.defaultFor(this.element)));
      }
    });
    this.ctx.store.touch(this.path);
    this.sync();
    this.renumber(0);
    return records.length;
  }

  pasteBox() {
    const id = 'paste:' + describedBy(this.path) + ':' + nextKey++;
    const area = h('textarea', { id, rows: 3, class: 'paste-area' });
    const status = h('p', { class: 'paste-status', role: 'status' });
    const cols = this.columns.map(c => c.label).join(' | ');
    return h('details', { class: 'paste-box' },
      h('summary', {}, t('paste_rows')),
      h('label', { for: id }, t('paste_rows_help', { cols })), area,
      button(t('paste_rows_button'), () => {
        const n = this.pasteText(area.value);
        status.textContent = t('pasted_n', { n });
        if (n) area.value = '';
      }, { class: 'secondary' }), status);
  }

  photoDrop() {
    const chooser = h('input', { type: 'file', accept: 'image/jpeg,image/png', multiple: true, class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true' });
    const status = h('p', { class: 'local-error', role: 'alert' });
    const upload = async files => {
      for (const f of files) {
        status.textContent = t('uploading');
        try {
          const src = await uploadFile(this.ctx, f);
          this.addRow({ src, caption: '' }, { focus: false });
          status.textContent = '';
        } catch (e) {
          status.textContent = t('upload_failed', { reason: e.message });
          return;
        }
      }
      const last = this.rows[this.rows.length - 1];
      last && last.comp.slots && last.comp.slots[1] && last.comp.slots[1].focus();
    };
    chooser.addEventListener('change', () => { upload([...chooser.files]); chooser.value = ''; });
    const zone = h('div', { class: 'drop-zone' }, h('p', {}, t('drop_here')),
      button(t('add_photos'), () => chooser.click(), { class: 'secondary add-photos' }), chooser, status);
    zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('drop'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('drop'));
    zone.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('drop'); upload([...e.dataTransfer.files]); });
    this.upload = upload;
    return zone;
  }

  setPath(path) {
    this.path = path;
    this.el.dataset.path = path;
    this.head.id = 'f:' + path;
    this.diag.id = 'd:' + path;
    this.head.setAttribute('aria-describedby', this.diag.id);
    this.rows.forEach((r, i) => this.setRowPath(r, i));
  }
  update() { this.sync(); this.renumber(0); }
  focus() { this.head.focus(); }
}
