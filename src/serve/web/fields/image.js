// An image path (office.emblem, a photo's src): a thumbnail of the file, its path, and a button
// or a drop to upload another (POST /images; a refusal's reason is shown).
import { h, button } from '../dom.js';
import { t } from '../i18n.js';
import { LeafField } from './base.js';

export async function uploadFile(ctx, file) {
  const bytes = await file.arrayBuffer();
  const res = await ctx.api.upload(ctx.setName(), file.name, bytes);
  return res.path;
}

export class ImageField extends LeafField {
  kindName() { return 'image'; }
  makeControl() {
    const c = h('input', { type: 'text', class: 'image-path', autocomplete: 'off' });
    c.addEventListener('input', () => { this.write(c.value); this.showThumb(); });
    this.thumb = h('img', { class: 'thumb', alt: '', loading: 'lazy' });
    this.chooser = h('input', { type: 'file', accept: 'image/jpeg,image/png', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true' });
    this.chooser.addEventListener('change', () => { if (this.chooser.files[0]) this.upload(this.chooser.files[0]); this.chooser.value = ''; });
    this.status = h('p', { class: 'local-error', role: 'alert' });
    return c;
  }
  setPath(path) {
    super.setPath(path);
    if (!this.decorated) {
      this.decorated = true;
      const controls = this.control.parentElement;
      controls.prepend(this.thumb);
      controls.append(button(t('replace_image'), () => this.chooser.click(), { class: 'secondary' }), this.chooser);
      this.diag.before(this.status);
      this.el.addEventListener('dragover', e => { e.preventDefault(); this.el.classList.add('drop'); });
      this.el.addEventListener('dragleave', () => this.el.classList.remove('drop'));
      this.el.addEventListener('drop', e => {
        e.preventDefault();
        this.el.classList.remove('drop');
        const f = e.dataTransfer.files[0];
        if (f) this.upload(f);
      });
    }
  }
  async upload(file) {
    this.status.textContent = t('uploading');
    try {
      const path = await uploadFile(this.ctx, file);
      this.status.textContent = '';
      this.control.value = path;
      this.write(path);
      this.showThumb();
    } catch (e) {
      this.status.textContent = t('upload_failed', { reason: e.message });
    }
  }
  showThumb() {
    const v = this.value();
    if (typeof v === 'string' && v) {
      const url = this.ctx.api.fileUrl(this.ctx.setName(), v);
      if (this.thumb.getAttribute('src') !== url) this.thumb.src = url;
      this.thumb.alt = t('thumbnail_of', { src: v });
      this.thumb.hidden = false;
    } else {
      this.thumb.hidden = true;
    }
  }
  update() {
    const v = this.value() || '';
    if (this.control.value !== v) this.control.value = v;
    this.showThumb();
  }
}
