// fetch wrappers for docs/SERVE.md. The token cookie and the Origin header are sent by the
// browser itself. Every call answers the parsed JSON or throws an ApiError.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function call(method, url, body, { signal, raw } = {}) {
  const init = { method, signal, headers: {}, credentials: 'same-origin' };
  if (raw !== undefined) {
    init.body = raw;
    init.headers['Content-Type'] = 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(url, init);
  let json = null;
  try { json = await res.json(); } catch { json = null; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

const enc = encodeURIComponent;
const setUrl = name => `/api/sets/${enc(name)}`;

export const api = {
  schema: () => call('GET', '/api/schema'),
  sets: () => call('GET', '/api/sets'),
  set: name => call('GET', setUrl(name)),
  preview: (name, body, signal) => call('POST', `${setUrl(name)}/preview`, body, { signal }),
  check: (name, files, signal) => call('POST', `${setUrl(name)}/check`, { files }, { signal }),
  save: (name, files) => call('POST', `${setUrl(name)}/save`, { files }),
  history: name => call('GET', `${setUrl(name)}/history`),
  restore: (name, id) => call('POST', `${setUrl(name)}/history/${enc(id)}/restore`, {}),
  upload: (name, fileName, bytes) => call('POST', `${setUrl(name)}/images?name=${enc(fileName)}`, undefined, { raw: bytes }),
  nextYear: (name, newName) => call('POST', `${setUrl(name)}/next-year`, { name: newName }),
  createSet: newName => call('POST', '/api/sets', { name: newName }),
  fileUrl: (name, path) => `${setUrl(name)}/files/${path.split('/').map(enc).join('/')}`,
  pdfUrl: (name, kind, profile) => `${setUrl(name)}/pdf/${enc(kind)}?profile=${profile}`,
  zipUrl: (name, profile) => `${setUrl(name)}/zip?profile=${profile}`,
};
