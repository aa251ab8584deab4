// The live preview: pdf.js (Debian's UMD build, global pdfjsLib) draws the pages the server
// built; one worker serves every document. A new answer replaces the pages only once it has
// been drawn (the last good pages stay while a build fails). Clicking finds the region under the
// pointer and asks for its field; a field's regions are highlighted over the canvas.
import { h, button } from './dom.js';
import { t } from './i18n.js';
import { within } from './paths.js';

let worker = null;
function pdfjs() {
  const lib = window.pdfjsLib;
  if (!lib) throw new Error('pdf.js is not loaded');
  if (!worker) {
    lib.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.js';
    worker = new lib.PDFWorker();
  }
  return lib;
}

function decode(base64) {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export class Preview {
  constructor(root, { onPick }) {
    this.root = root;
    this.onPick = onPick;
    this.doc = null;
    this.regions = [];
    this.pages = [];          // {box, canvas, overlay, page (pdf.js), viewport, drawnFor}
    this.zoom = 'fit';
    this.generation = 0;
    this.highlightPath = null;
    this.pageLabel = h('span', { class: 'page-label', 'aria-live': 'polite' });
    this.prevBtn = button('‹', () => this.goPage(this.currentPage() - 1), { class: 'icon', 'aria-label': t('prev_page'), title: t('prev_page') });
    this.nextBtn = button('›', () => this.goPage(this.currentPage() + 1), { class: 'icon', 'aria-label': t('next_page'), title: t('next_page') });
    const zoomOut = button('−', () => this.setZoom(this.scale() / 1.2), { class: 'icon', 'aria-label': t('zoom_out'), title: t('zoom_out') });
    const zoomIn = button('+', () => this.setZoom(this.scale() * 1.2), { class: 'icon', 'aria-label': t('zoom_in'), title: t('zoom_in') });
    const fit = button(t('zoom_fit'), () => this.setZoom('fit'), { class: 'secondary' });
    this.toolbar = h('div', { class: 'preview-tools' }, this.prevBtn, this.pageLabel, this.nextBtn, zoomOut, zoomIn, fit);
    this.scroller = h('div', { class: 'preview-pages', tabindex: '0', role: 'region', 'aria-label': t('preview') + ' — ' + t('preview_click_help') });
    root.replaceChildren(this.toolbar, this.scroller);
    this.scroller.addEventListener('scroll', () => { this.updatePageLabel(); this.drawVisible(); }, { passive: true });
    new ResizeObserver(() => { if (this.zoom === 'fit') this.layout(); }).observe(this.scroller);
  }

  // Shows a preview answer {pdf, pages, regions}; resolves once its pages are drawn.
  async show(answer) {
    const lib = pdfjs();
    const gen = ++this.generation;
    const doc = await lib.getDocument({ data: decode(answer.pdf), worker }).promise;
    if (gen !== this.generation) { doc.destroy(); return false; }
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) pages.push(await doc.getPage(i));
    if (gen !== this.generation) { doc.destroy(); return false; }
    const old = this.doc;
    this.doc = doc;
    this.regions = answer.regions || [];
    this.install(pages);
    await this.drawVisible();
    if (old) old.destroy();
    this.drawHighlight(false);
    return true;
  }

  install(pdfPages) {
    // Reuse the page boxes (keeps the scroll position); add or drop boxes as the count changes.
    while (this.pages.length > pdfPages.length) this.pages.pop().box.remove();
    pdfPages.forEach((page, i) => {
      let p = this.pages[i];
      if (!p) {
        const canvas = h('canvas', { role: 'img', 'aria-label': t('page_n', { n: i + 1 }) });
        const overlay = h('div', { class: 'overlay' });
        const box = h('div', { class: 'page', 'data-page': String(i) }, canvas, overlay);
        overlay.addEventListener('click', e => this.click(i, e));
        p = { box, canvas, overlay };
        this.pages.push(p);
        this.scroller.append(box);
      }
      p.page = page;
      p.drawnFor = null;
    });
    this.layout();
  }

  scale() {
    if (this.zoom !== 'fit') return this.zoom;
    const first = this.pages[0];
    if (!first || !first.page) return 1;
    const w = first.page.getViewport({ scale: 1 }).width;
    return Math.max(0.2, (this.scroller.clientWidth - 24) / w);
  }

  setZoom(z) {
    this.zoom = z === 'fit' ? 'fit' : Math.min(4, Math.max(0.25, z));
    this.layout();
  }

  layout() {
    const s = this.scale();
    for (const p of this.pages) {
      if (!p.page) continue;
      p.viewport = p.page.getViewport({ scale: s });
      p.box.style.width = p.viewport.width + 'px';
      p.box.style.height = p.viewport.height + 'px';
      p.drawnFor = p.drawnFor && p.drawnFor.scale === s ? p.drawnFor : null;
    }
    this.updatePageLabel();
    this.drawVisible();
    this.drawHighlight(false);
  }

  visible(p) {
    const a = this.scroller.getBoundingClientRect(), b = p.box.getBoundingClientRect();
    return b.bottom >= a.top - a.height && b.top <= a.bottom + a.height;
  }

  // Draws the pages in or near view that show an older document or scale, each first into an
  // offscreen canvas so the old picture stays until the new one is ready.
  async drawVisible() {
    const jobs = [];
    for (const p of this.pages) {
      if (!p.page || !p.viewport) continue;
      if (p.drawnFor && p.drawnFor.page === p.page && p.drawnFor.scale === p.viewport.scale) continue;
      if (!this.visible(p)) continue;
      jobs.push(this.draw(p));
    }
    await Promise.all(jobs);
  }

  async draw(p) {
    const dpr = window.devicePixelRatio || 1;
    const vp = p.page.getViewport({ scale: p.viewport.scale * dpr });
    const off = document.createElement('canvas');
    off.width = Math.ceil(vp.width);
    off.height = Math.ceil(vp.height);
    const mark = { page: p.page, scale: p.viewport.scale };
    p.drawnFor = mark;
    try {
      await p.page.render({ canvasContext: off.getContext('2d'), viewport: vp }).promise;
    } catch (e) {
      if (p.drawnFor === mark) p.drawnFor = null;
      return;
    }
    if (p.drawnFor !== mark) return;
    p.canvas.width = off.width;
    p.canvas.height = off.height;
    p.canvas.style.width = p.viewport.width + 'px';
    p.canvas.style.height = p.viewport.height + 'px';
    p.canvas.getContext('2d').drawImage(off, 0, 0);
  }

  currentPage() {
    const top = this.scroller.scrollTop + 10;
    let n = 0;
    this.pages.forEach((p, i) => { if (p.box.offsetTop - this.scroller.offsetTop <= top) n = i; });
    return n;
  }

  updatePageLabel() {
    const m = this.pages.length;
    const n = m ? this.currentPage() + 1 : 0;
    this.pageLabel.textContent = m ? t('page_of', { n, m }) : '';
    this.prevBtn.disabled = n <= 1;
    this.nextBtn.disabled = n >= m;
  }

  goPage(i) {
    const p = this.pages[Math.max(0, Math.min(this.pages.length - 1, i))];
    if (p) this.scroller.scrollTop = p.box.offsetTop - this.scroller.offsetTop;
  }

  // PDF points (origin bottom-left) under a click, through the page's pdf.js viewport.
  click(i, e) {
    const p = this.pages[i];
    if (!p || !p.viewport) return;
    const r = p.overlay.getBoundingClientRect();
    const [x, y] = p.viewport.convertToPdfPoint(e.clientX - r.left, e.clientY - r.top);
    const path = this.pathAt(i, x, y);
    if (path) this.onPick(path);
  }

  pathAt(page, x, y) {
    let best = null;
    for (const r of this.regions) {
      if (r.page !== page) continue;
      if (x < r.x || x > r.x + r.w || y < r.y || y > r.y + r.h) continue;
      if (!best || r.w * r.h < best.w * best.h) best = r;
    }
    return best ? best.path : null;
  }

  // Translucent boxes over every region of `path` (and what lies inside it).
  highlight(path, scroll = true) {
    this.highlightPath = path;
    this.drawHighlight(scroll);
  }

  drawHighlight(scroll) {
    for (const p of this.pages) p.overlay.replaceChildren();
    const path = this.highlightPath;
    if (!path) return;
    let first = null;
    for (const r of this.regions) {
      if (!within(r.path, path)) continue;
      const p = this.pages[r.page];
      if (!p || !p.viewport) continue;
      const [x1, y1, x2, y2] = p.viewport.convertToViewportRectangle([r.x, r.y, r.x + r.w, r.y + r.h]);
      const box = h('div', { class: 'hl' });
      Object.assign(box.style, {
        left: Math.min(x1, x2) + 'px', top: Math.min(y1, y2) + 'px',
        width: Math.abs(x2 - x1) + 'px', height: Math.abs(y2 - y1) + 'px',
      });
      p.overlay.append(box);
      if (!first) first = { p, top: Math.min(y1, y2) };
    }
    if (scroll && first) {
      const target = first.p.box.offsetTop - this.scroller.offsetTop + first.top - this.scroller.clientHeight / 3;
      this.scroller.scrollTo({ top: Math.max(0, target), behavior: 'auto' });
    }
  }

  // The document's text, page by page (for tests and the status line).
  async text() {
    if (!this.doc) return '';
    const out = [];
    for (let i = 1; i <= this.doc.numPages; i++) {
      const page = await this.doc.getPage(i);
      const c = await page.getTextContent();
      out.push(c.items.map(it => it.str).join(''));
    }
    return out.join('\n');
  }

  clear() {
    this.generation++;
    if (this.doc) this.doc.destroy();
    this.doc = null;
    this.regions = [];
    for (const p of this.pages) p.box.remove();
    this.pages = [];
    this.updatePageLabel();
  }
}
