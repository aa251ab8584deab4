// A small DOM builder: h('div', {class: 'x', onclick: f}, child, 'text', …).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

// A button that works with Enter and Space (a real <button>), with an accessible name.
export function button(text, onClick, attrs = {}) {
  return h('button', { type: 'button', ...attrs, onclick: e => { e.preventDefault(); onClick(e); } }, text);
}

// Debounce `fn` by `ms`; the returned function has .cancel() and .flush().
export function debounce(fn, ms) {
  let timer = null, args = null;
  const d = (...a) => { args = a; clearTimeout(timer); timer = setTimeout(() => { timer = null; fn(...args); }, ms); };
  d.cancel = () => { clearTimeout(timer); timer = null; };
  d.flush = () => { if (timer) { d.cancel(); fn(...args); } };
  return d;
}

// Opens every closed <details> around `el` and shows its hidden tab panel.
export function revealElement(el) {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.tagName === 'DETAILS' && !p.open) p.open = true;
    if (p.hidden && p.dataset.panel) p.dispatchEvent(new CustomEvent('reveal-panel', { bubbles: true }));
  }
}
