// Wiring: the views (the list of data sets, one data set's form beside its preview), saving,
// checking and previewing after each pause in typing, history, downloads, new data sets.
import { api, ApiError } from './api.js';
import { Store } from './store.js';
import { Form } from './form.js';
import { Preview } from './preview.js';
import { h, button, debounce } from './dom.js';
import { t, lang, setLang, docName } from './i18n.js';

const main = document.getElementById('main');
const saveButton = document.getElementById('save-button');
const saveStatus = document.getElementById('save-status');
const langSelect = document.getElementById('lang-select');

const app = {
  schema: null,
  store: new Store(),
  form: null,
  preview: null,
  setName: null,
  kind: '',
  previewSeq: 0,
  previewAbort: null,
  checkAbort: null,
  diagRevision: -1,
  lastPreview: null,
};
window.oitgen = app;  // for the browser test and for debugging
app.previewText = () => (app.preview ? app.preview.text() : Promise.resolve(''));

function chrome() {
  document.documentElement.lang = lang();
  langSelect.value = lang();
  document.getElementById('lang-label').textContent = t('language');
  document.getElementById('skip-link').textContent = t('skip_to_main');
  document.getElementById('brand').textContent = t('app_title');
  saveButton.textContent = t('save');
  updateTitle();
}

function updateTitle() {
  const dirty = app.setName && app.store.isDirty();
  document.title = `${dirty ? '● ' : ''}${app.setName ? app.setName + ' — ' : ''}${t('app_title')}`;
  saveButton.classList.toggle('dirty', !!dirty);
  if (app.setName) saveButton.setAttribute('aria-label', dirty ? `${t('save')} (${t('unsaved_changes')})` : t('save'));
}

function alertBox(message) {
  const el = document.getElementById('alert');
  el.textContent = message;
  el.hidden = !message;
}

function errorText(e) { return e instanceof ApiError ? `${t('error_prefix')}: ${e.message}` : `${t('error_prefix')}: ${e.message || e}`; }

// ---------------------------------------------------------------- routing

function route() {
  const m = /^#\/set\/([^?]+)(?:\?doc=(.*))?$/.exec(location.hash);
  alertBox('');
  if (m) openSet(decodeURIComponent(m[1]), m[2] ? decodeURIComponent(m[2]) : null);
  else showList();
}

window.addEventListener('hashchange', () => {
  const m = /^#\/set\/([^?]+)/.exec(location.hash);
  // Changing only the previewed document keeps the form.
  if (m && decodeURIComponent(m[1]) === app.setName) return;
  if (app.setName && app.store.isDirty() && !confirm(t('unsaved_changes') + ' — OK?')) {
    history.replaceState(null, '', '#/set/' + encodeURIComponent(app.setName));
    return;
  }
  route();
});

window.addEventListener('beforeunload', e => {
  if (app.setName && app.store.isDirty()) { e.preventDefault(); e.returnValue = ''; }
});

// ---------------------------------------------------------------- the list of data sets

async function showList() {
  app.setName = null;
  app.preview && app.preview.clear();
  app.preview = null;
  saveButton.hidden = true;
  saveStatus.textContent = '';
  chrome();
  main.replaceChildren(h('h1', {}, t('sets_heading')), h('p', { class: 'loading' }, t('loading')));
  let sets;
  try { sets = (await api.sets()).sets; } catch (e) { alertBox(errorText(e)); return; }
  const list = h('ul', { class: 'set-list' }, sets.map(s => h('li', { class: 'set-card' },
    h('h2', {}, h('a', { href: '#/set/' + encodeURIComponent(s.name) }, s.name)),
    h('p', {}, s.office || ''),
    s.year ? h('p', {}, `${t('fiscal_year')} ${s.year}`) : null,
    h('p', { class: 'docs' }, `${t('documents')}: ${(s.documents || []).map(docName).join(', ')}`))));
  const input = h('input', { type: 'text', id: 'new-set-name', required: true, autocomplete: 'off' });
  const status = h('p', { role: 'status' });
  const create = h('form', { class: 'inline-form', onsubmit: async e => {
    e.preventDefault();
    if (!input.value.trim()) return input.focus();
    try {
      const res = await api.createSet(input.value.trim());
      status.textContent = t('created');
      location.hash = '#/set/' + encodeURIComponent(res.name);
    } catch (err) { status.textContent = errorText(err); }
  } }, h('label', { for: input.id }, t('new_set_name')), input, h('button', { type: 'submit', class: 'secondary' }, t('create')), status);
  main.replaceChildren(h('h1', {}, t('sets_heading')), list,
    h('section', { class: 'new-set', 'aria-labelledby': 'new-set-h' }, h('h2', { id: 'new-set-h' }, t('new_set')), create));
}

// ---------------------------------------------------------------- one data set

async function openSet(name, kind) {
  chrome();
  main.replaceChildren(h('p', { class: 'loading' }, t('loading')));
  let set;
  try {
    if (!app.schema) app.schema = await api.schema();
    set = await api.set(name);
  } catch (e) { alertBox(errorText(e)); main.replaceChildren(h('h1', {}, name)); return; }
  app.setName = name;
  app.store.load(set);
  const docs = app.store.documents();
  const remembered = localStorage.getItem('oitgen.doc.' + name);
  app.kind = kind && docs.includes(kind) ? kind : (remembered && docs.includes(remembered) ? remembered : (docs[0] || ''));
  renderEditor();
  runPreview();
}

function renderEditor() {
  const { store } = app;
  if (app.preview) app.preview.clear();
  const name = app.setName;
  saveButton.hidden = false;
  chrome();
  const office = store.get('office.name') || '';
  const problems = h('section', { class: 'problems', id: 'problems', 'aria-labelledby': 'problems-h' });
  const formRoot = h('div', { class: 'form-root' });
  const previewRoot = h('div', { class: 'preview-root' });
  const docSelect = h('select', { id: 'doc-select' },
    h('option', { value: '' }, t('preview_none')),
    store.documents().map(k => h('option', { value: k, selected: k === app.kind }, docName(k))));
  docSelect.addEventListener('change', () => {
    app.kind = docSelect.value;
    localStorage.setItem('oitgen.doc.' + name, app.kind);
    history.replaceState(null, '', '#/set/' + encodeURIComponent(name) + (app.kind ? '?doc=' + encodeURIComponent(app.kind) : ''));
    app.preview.clear();
    if (app.kind) app.form.showFileForKind(app.kind);
    runPreview();
  });
  app.previewStatus = h('p', { class: 'preview-status', role: 'status', 'aria-live': 'polite' });
  app.previewErrors = h('div', { class: 'preview-errors' });
  main.replaceChildren(
    h('div', { class: 'editor-head' },
      h('p', { class: 'crumb' }, h('a', { href: '#/' }, t('back_to_list'))),
      h('h1', {}, name, office ? h('span', { class: 'office' }, ' — ' + office) : null)),
    h('div', { class: 'tools-row' }, historyPanel(), downloadsPanel(), nextYearPanel()),
    problems,
    h('div', { class: 'split' },
      h('section', { class: 'form-pane', 'aria-labelledby': 'form-h' }, h('h2', { id: 'form-h' }, t('form')), formRoot),
      h('section', { class: 'preview-pane', 'aria-labelledby': 'preview-h' },
        h('h2', { id: 'preview-h' }, t('preview')),
        h('div', { class: 'preview-choose' }, h('label', { for: 'doc-select' }, t('preview_document')), docSelect),
        app.previewStatus, app.previewErrors, previewRoot)));
  app.form = new Form(formRoot, { store, schema: app.schema, api, setName: () => app.setName });
  app.form.render();
  if (app.kind) app.form.showFileForKind(app.kind);
  app.preview = new Preview(previewRoot, { onPick: path => app.form.focusPath(path, { scroll: true }) });
  formRoot.addEventListener('focusin', e => {
    const el = e.target.closest('[id^="f:"]');
    if (el && app.preview) app.preview.highlight(el.id.slice(2), true);
  });
  showDiagnostics(store.diagnostics);
  updateTitle();
}

app.store.addEventListener('change', () => {
  updateTitle();
  saveStatus.textContent = '';
  // The preview first: on a busy 2-core server a whole check beside it would double its time.
  // The check of every document follows the preview's answer.
  if (app.kind && app.preview) schedulePreview();
  else scheduleCheck();
});
app.store.addEventListener('dirty', () => { updateTitle(); app.form && app.form.updateDirty(); });

// ---------------------------------------------------------------- diagnostics

function showDiagnostics(list, revision = app.store.revision) {
  if (revision < app.diagRevision) return;  // an older answer than the one shown
  app.diagRevision = revision;
  app.store.setDiagnostics(list);
  app.form && app.form.applyDiagnostics(list);
  const box = document.getElementById('problems');
  if (!box) return;
  const errors = list.filter(d => d.severity === 'error').length;
  const warnings = list.length - errors;
  const head = h('h2', { id: 'problems-h' }, t('problems'),
    h('span', { class: 'counts' }, list.length ? ` (${[errors && t('n_errors', { n: errors }), warnings && t('n_warnings', { n: warnings })].filter(Boolean).join(', ')})` : ''));
  const items = list.map(d => {
    const where = [d.file, d.line ? `${d.line}:${d.column}` : ''].filter(Boolean).join(':');
    const text = `${t('severity_' + d.severity)}: ${d.message}${where ? ` (${where})` : ''}`;
    return h('li', { class: 'diag-' + d.severity }, d.path
      ? button(text, () => app.form.focusPath(d.path), { class: 'linklike', 'data-path': d.path })
      : text);
  });
  box.classList.toggle('has-errors', errors > 0);
  box.replaceChildren(head, list.length ? h('ul', {}, items) : h('p', {}, t('no_problems')));
}

const scheduleCheck = debounce(async () => {
  if (!app.setName) return;
  const revision = app.store.revision;
  app.checkAbort && app.checkAbort.abort();
  const ctl = app.checkAbort = new AbortController();
  try {
    const res = await api.check(app.setName, app.store.editedData(), ctl.signal);
    showDiagnostics(res.diagnostics || [], revision);
  } catch (e) { if (e.name !== 'AbortError') console.warn('check', e); }
}, 300);

// ---------------------------------------------------------------- preview

const schedulePreview = debounce(() => runPreview(), 250);

async function runPreview() {
  if (!app.setName || !app.kind || !app.preview) { app.previewStatus && (app.previewStatus.textContent = ''); return; }
  const seq = ++app.previewSeq;
  const revision = app.store.revision;
  app.previewAbort && app.previewAbort.abort();
  const ctl = app.previewAbort = new AbortController();
  app.previewStatus.textContent = t('preview_building');
  let res;
  try {
    res = await api.preview(app.setName, { kind: app.kind, files: app.store.editedData(), seq }, ctl.signal);
  } catch (e) {
    if (e.name === 'AbortError') return;
    if (seq === app.previewSeq) app.previewStatus.textContent = errorText(e);
    return;
  }
  if (seq !== app.previewSeq || (res.seq !== undefined && res.seq !== seq) || res.superseded) return;
  scheduleCheck();
  if (res.diagnostics) showDiagnostics(res.diagnostics, revision);
  if (res.ok) {
    const shown = await app.preview.show(res);
    if (!shown || seq !== app.previewSeq) return;
    app.previewErrors.replaceChildren();
    app.previewStatus.textContent = t('preview_ready', { ms: Math.round(res.ms || 0) });
    app.lastPreview = { seq, ok: true, at: performance.now(), ms: res.ms, pages: (res.pages || []).length, regions: (res.regions || []).length };
  } else {
    app.previewStatus.textContent = t('preview_failed');
    const errs = (res.diagnostics || []).filter(d => d.severity === 'error');
    app.previewErrors.replaceChildren(h('ul', {}, errs.map(d => h('li', {}, d.path
      ? button(d.message, () => app.form.focusPath(d.path), { class: 'linklike' }) : d.message))));
    app.lastPreview = { seq, ok: false, at: performance.now() };
  }
}

// ---------------------------------------------------------------- save

async function save() {
  if (!app.setName) return;
  const dirty = app.store.dirtyFiles();
  if (!dirty.length) { saveStatus.textContent = t('nothing_to_save'); return; }
  const files = {};
  for (const f of dirty) files[f.name] = { data: f.data, version: f.version };
  saveStatus.textContent = t('saving');
  const revision = app.store.revision;
  let res;
  try {
    res = await api.save(app.setName, files);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      const msg = t('conflict', { files: (e.body.conflicts || []).join(', ') });
      saveStatus.textContent = '';
      alertBox(msg);
    } else {
      saveStatus.textContent = '';
      alertBox(errorText(e));
    }
    return;
  }
  alertBox('');
  // New rows got their @row in the file: take them (and nothing else) from the data set as
  // saved. docs/SERVE.md answers {versions}; the server answers the whole data set (files with
  // their versions) instead: both are understood.
  let fresh = res.files ? res : null;
  if (!fresh) { try { fresh = await api.set(app.setName); } catch { fresh = null; } }
  let versions = res.versions;
  if (!versions && fresh) {
    versions = {};
    for (const f of fresh.files) if (files[f.name]) versions[f.name] = f.version;
  }
  app.store.markSaved(versions || {}, app.store.revision === revision ? fresh : null);
  showDiagnostics(res.diagnostics || [], app.store.revision);
  saveStatus.textContent = res.buildable === false ? t('not_buildable') : t('saved');
  if (res.buildable === false) alertBox(t('not_buildable'));
  updateTitle();
}

saveButton.addEventListener('click', save);
document.addEventListener('keydown', e => {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')) {
    e.preventDefault();
    save();
  }
});

// ---------------------------------------------------------------- history, downloads, next year

function historyPanel() {
  const list = h('div', { class: 'history-list' });
  const panel = h('details', { class: 'tool history' }, h('summary', {}, t('history')), list);
  const load = async () => {
    list.replaceChildren(h('p', {}, t('loading')));
    try {
      const { versions } = await api.history(app.setName);
      if (!versions.length) return list.replaceChildren(h('p', {}, t('history_empty')));
      list.replaceChildren(h('ul', {}, versions.map(v => h('li', {},
        h('span', { class: 'time' }, formatTime(v.time || v.id)), ' ', h('span', { class: 'files' }, (v.files || []).join(', ')), ' ',
        button(t('restore'), () => restore(v), { class: 'secondary', 'aria-label': `${t('restore')} ${formatTime(v.time || v.id)}` })))));
    } catch (e) { list.replaceChildren(h('p', {}, errorText(e))); }
  };
  panel.addEventListener('toggle', () => { if (panel.open) load(); });
  return panel;
}

function formatTime(s) {
  const d = new Date(s);
  return isNaN(d) ? String(s) : d.toLocaleString(lang() === 'th' ? 'th-TH' : 'en-GB');
}

async function restore(v) {
  let q = t('confirm_restore', { time: formatTime(v.time || v.id) });
  if (app.store.isDirty()) q += '\n' + t('confirm_restore_dirty');
  if (!confirm(q)) return;
  try {
    const res = await api.restore(app.setName, v.id);
    const set = await api.set(app.setName);
    app.store.load(set);
    renderEditor();
    runPreview();
    saveStatus.textContent = t('restored') + (res && res.buildable === false ? ' — ' + t('not_buildable') : '');
  } catch (e) { alertBox(errorText(e)); }
}

function downloadsPanel() {
  const name = app.setName;
  const profiles = ['normal', 'pdfa', 'web'];
  const rows = app.store.documents().map(k => h('li', {}, h('span', { class: 'doc' }, docName(k)), ' ',
    profiles.map(p => h('a', { href: api.pdfUrl(name, k, p), download: `${name}-${k}${p === 'normal' ? '' : '-' + p}.pdf`, class: 'dl' }, t('profile_' + p)))));
  rows.push(h('li', {}, h('span', { class: 'doc' }, t('zip_all')), ' ',
    profiles.map(p => h('a', { href: api.zipUrl(name, p), download: `${name}${p === 'normal' ? '' : '-' + p}.zip`, class: 'dl' }, t('profile_' + p)))));
  return h('details', { class: 'tool downloads' }, h('summary', {}, t('downloads')),
    h('p', { class: 'help' }, t('downloads_note')), h('ul', {}, rows));
}

function nextName(name) {
  const m = /^(.*?)(\d{4})$/.exec(name);
  return m ? m[1] + (Number(m[2]) + 1) : name + '-next';
}

function nextYearPanel() {
  const input = h('input', { type: 'text', id: 'next-year-name', value: nextName(app.setName), autocomplete: 'off' });
  const status = h('p', { role: 'status' });
  const form = h('form', { class: 'inline-form', onsubmit: async e => {
    e.preventDefault();
    const n = input.value.trim();
    if (!n) return input.focus();
    try {
      const res = await api.nextYear(app.setName, n);
      status.textContent = t('created');
      if (!app.store.isDirty()) location.hash = '#/set/' + encodeURIComponent(res.name);
    } catch (err) { status.textContent = errorText(err); }
  } }, h('label', { for: input.id }, t('next_year_name')), input, h('button', { type: 'submit', class: 'secondary' }, t('create')), status);
  return h('details', { class: 'tool next-year' }, h('summary', {}, t('next_year')), form);
}

// ---------------------------------------------------------------- start

langSelect.addEventListener('change', () => {
  setLang(langSelect.value);
  if (app.setName) { renderEditor(); runPreview(); } else showList();
});

chrome();
route();
