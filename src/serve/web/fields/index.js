// Schema node → field kind, by an ordered list of resolvers: the first that matches wins.
// A new key in the schema needs no change here unless it needs a new kind of input.
import { StringField } from './string.js';
import { TextField } from './text.js';
import { NumberField } from './number.js';
import { DateField } from './date.js';
import { BoolField } from './bool.js';
import { ChoiceField, PersonField, OitField } from './select.js';
import { ImageField } from './image.js';
import { TableField } from './table.js';
import { OpenTableField } from './open.js';
import { OneOfField } from './oneof.js';
import { ArrayField } from './array.js';

const lastKey = path => path.replace(/\[\d+\]$/, '').split('.').pop();

export const resolvers = [
  [(node, path) => node.kind === 'string' && (path === 'office.emblem' || lastKey(path) === 'src'), ImageField],
  [node => node.kind === 'string' && node.ref === 'people', PersonField],
  [node => node.kind === 'string' && node.ref === 'oit', OitField],
  [node => (node.kind === 'string' || node.kind === 'text') && Array.isArray(node.choices) && node.choices.length > 0, ChoiceField],
  [node => node.kind === 'text', TextField],
  [node => node.kind === 'string', StringField],
  [node => node.kind === 'integer' || node.kind === 'number', NumberField],
  [node => node.kind === 'date', DateField],
  [node => node.kind === 'bool', BoolField],
  [node => node.kind === 'oneof', OneOfField],
  [node => node.kind === 'table' && node.open, OpenTableField],
  [node => node.kind === 'table', TableField],
  [node => node.kind === 'array', ArrayField],
];

export function resolve(node, path) {
  for (const [test, Kind] of resolvers) if (test(node, path)) return Kind;
  return StringField;
}

export function build(ctx, node, path, opts) {
  const Kind = resolve(node, path);
  return new Kind(ctx, node, path, opts);
}

const today = () => new Date().toISOString().slice(0, 10);

// The value a key gets when the user adds it: empty text, 0, today, false, an empty list, or a
// table with its required keys.
export function defaultFor(node) {
  switch (node.kind) {
    case 'string': case 'text': return node.choices && node.choices.length ? node.choices[0].value : '';
    case 'integer': case 'number': return 0;
    case 'date': return today();
    case 'bool': return false;
    case 'array': return [];
    case 'oneof': return defaultFor(node.alternatives[0]);
    case 'table': {
      const out = {};
      if (!node.open) for (const f of node.fields) if (f.required) out[f.name] = defaultFor(f.type);
      return out;
    }
    default: return '';
  }
}
