// Small DOM helpers: build elements without innerHTML (data never becomes markup), and show
// loading and error states in words.
import { fieldSv, reasonSv } from './i18n/reasons-sv.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function loading(text = 'Laddar …') {
  return h('p', { class: 'status', role: 'status' }, text);
}

/** An error in words; an ApiError shows the API's message. */
export function errorBox(err, prefix = 'Något gick fel') {
  const message = err instanceof Error ? err.message : String(err);
  // The API answers in English; the page shows its Swedish and keeps the original for reference.
  const sv = reasonSv(message);
  const box = h('div', { class: 'error', role: 'alert' }, h('strong', {}, `${prefix}: `), sv,
    sv !== message ? h('div', { class: 'small' }, 'API:ts svar (på engelska): ', h('span', { lang: 'en' }, message)) : null);
  if (err && Array.isArray(err.details) && err.details.length) {
    box.append(h('ul', { class: 'small' }, err.details.slice(0, 8).map((d) =>
      h('li', {}, [d.field ? `${fieldSv(d.field)}: ` : '', reasonSv(d.message ?? ''), d.values ? ` (${d.values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ')})` : '']))));
  }
  return box;
}

/** English quoted from the record (notes, what sources say): marked as such, with lang="en" for screen readers. */
export function quotedEn(text, label = 'I underlaget, på engelska: ') {
  return h('span', { class: 'quoted-en' }, h('span', { class: 'muted' }, label), h('span', { lang: 'en' }, text));
}

const nf = new Intl.NumberFormat('sv-SE');
export const fmtInt = (n) => (n === null || n === undefined ? '–' : nf.format(Math.round(n)));
export const fmtPct = (x, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits })}\u00a0%`);
export const fmtNum = (x, digits = 2) => (x === null || x === undefined ? '–' : Number(x).toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

export const KIND_SV = { kommun: 'kommun', region: 'region', stadsdel: 'stadsdel', forbund: 'förbund', forvaltning: 'förvaltning', unknown: 'okänd' };
export const ROLE_SV = { participant: 'deltagare', mentor: 'mentor', co_mentor: 'medmentor', supporting_mentor: 'stödjande mentor' };
export const STATUS_SV = { preparing: 'förbereds', planned: 'planerad', running: 'pågående', completed: 'genomförd', cancelled: 'inställd', superseded: 'ersatt' };
export const CRITERION_SV = {
  geography: 'Geografi (närhet)',
  focus: 'Fokusområden',
  size: 'Storlek',
  kommungrupp: 'Kommungrupp',
  history: 'Historik',
  delegation: 'Delegation',
  wish: 'Önskad partner (gärna med)',
};
export const kindSv = (k) => KIND_SV[k] ?? k;
export const roleSv = (r) => ROLE_SV[r] ?? r;

export function orgLink(org) {
  return h('a', { href: `#/organisation/${encodeURIComponent(org.id)}` }, org.name ?? org.id);
}

export function sourceList(sources) {
  if (!sources || sources.length === 0) return h('span', { class: 'muted' }, 'ingen källa angiven');
  return h('ul', { class: 'small sources' }, sources.map((s) => {
    const src = typeof s === 'string' ? { id: s, title: s, url: null } : s;
    return h('li', {}, src.url ? h('a', { href: src.url, rel: 'noopener noreferrer', target: '_blank' }, src.title) : src.title, h('span', { class: 'muted' }, ` (${src.id})`));
  }));
}

export function disputedTag(text = 'omstridd') {
  return h('span', { class: 'disputed-tag', title: 'Källorna säger emot varandra; båda uppgifterna behålls.' }, text);
}

/** A programme <select>, filled from /api/programmes; `onChange(id)` on change. */
export function programmeSelect(programmes, selected, onChange, id = 'programme') {
  const select = h('select', { id, onchange: (e) => onChange(e.target.value) },
    programmes.map((p) => h('option', { value: p.id, selected: p.id === selected }, p.name)));
  return h('div', { class: 'field' }, h('label', { for: id }, 'Program'), select);
}

/** A table from column definitions [{ label, value(row), num? }]. */
export function table(columns, rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.value(r))))))));
}

/** Builds CSV text (RFC 4180) so a table on screen can be downloaded as it is shown. */
export function toCsv(columns, rows) {
  const q = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => q(c.label)), ...rows.map((r) => columns.map((c) => q(c.csv ? c.csv(r) : c.value(r))))].map((l) => l.join(',')).join('\r\n') + '\r\n';
}
