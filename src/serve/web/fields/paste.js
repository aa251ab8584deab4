// Rows pasted from a spreadsheet: tab-separated text (Excel quotes a cell holding a tab, a
// newline or a quote), columns in the schema's field order; a first row that names the columns
// (by key or label) is skipped.
import { arabicDigits } from '../i18n.js';
import { parseNumber } from './number.js';

const SCALAR = new Set(['string', 'text', 'integer', 'number', 'date', 'bool']);

function columnKind(type) {
  if (SCALAR.has(type.kind)) return type.kind;
  if (type.kind === 'array') {
    const e = type.element;
    if (SCALAR.has(e.kind)) return 'list';
    if (e.kind === 'oneof' && e.alternatives.some(a => a.kind === 'string' || a.kind === 'text')) return 'list';
  }
  return null;
}

// The columns a pasted row fills: the table's scalar fields and lists of strings, in order.
export function pasteColumns(table) {
  return table.fields.filter(f => columnKind(f.type)).map(f => ({ name: f.name, kind: columnKind(f.type), type: f.type, label: f.name }));
}

export function splitTsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === '\t') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows.filter(r => r.some(c => c.trim() !== ''));
}

export function parseRows(text, columns, ctx) {
  const rows = splitTsv(text);
  if (rows.length && isHeader(rows[0], columns, ctx)) rows.shift();
  return rows;
}

function isHeader(cells, columns, ctx) {
  const names = new Set();
  for (const c of columns) {
    names.add(c.name.toLowerCase());
    for (const l of c.labels || []) names.add(l.toLowerCase());
  }
  const filled = cells.map(c => c.trim().toLowerCase()).filter(Boolean);
  const hits = filled.filter(c => names.has(c)).length;
  return filled.length > 0 && hits * 2 >= filled.length;
}

function dateCell(s) {
  s = arabicDigits(s.trim());
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) {
    const d = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
    if (d) m = [s, d[3], d[2], d[1]];
  }
  if (!m) return s;
  let y = Number(m[1]);
  if (y > 2400) y -= 543;  // a Buddhist-era year
  return `${y}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
}

// `base` (a new row's defaults or the row pasted over) with the cells' values.
export function rowFromCells(columns, cells, ctx, base) {
  const out = { ...base };
  columns.forEach((c, i) => {
    if (i >= cells.length) return;
    const s = cells[i].trim();
    switch (c.kind) {
      case 'integer': case 'number': {
        const r = parseNumber(s, c.kind === 'integer');
        if (!r.error) out[c.name] = r.value;
        break;
      }
      case 'bool': out[c.name] = /^(true|yes|1|x|ใช่|✓)$/i.test(s); break;
      case 'date': if (s) out[c.name] = dateCell(s); break;
      case 'list': out[c.name] = s ? s.split(c.type.element.ref ? /\r?\n|[;,]/ : /\r?\n|;/).map(x => x.trim()).filter(Boolean) : []; break;
      default: out[c.name] = s;
    }
  });
  return out;
}
