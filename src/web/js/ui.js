// Small DOM helpers: build elements without innerHTML (data never becomes markup), and show
// loading and error states in words.
import { cached } from './api.js';
import { describeErrorSv } from './i18n/errors-sv.js';
import { setCountyNames } from './i18n/reasons-sv.js';

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

/** An error in Swedish words (i18n/errors-sv.js): the API's English message is never shown. */
export function errorBox(err, prefix = 'Något gick fel') {
  const { message, details } = describeErrorSv(err);
  const box = h('div', { class: 'error', role: 'alert', dataset: { code: err?.code ?? 'page' } }, h('strong', {}, `${prefix}: `), message);
  if (details.length) box.append(h('ul', { class: 'small' }, details.map((d) => h('li', {}, d))));
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

/** A source's title as the page shows it: Swedish where the record has it. */
export const sourceTitle = (src) => (typeof src === 'string' ? src : src.titleSv || src.title || src.id);

export function sourceList(sources) {
  if (!sources || sources.length === 0) return h('span', { class: 'muted' }, 'ingen källa angiven');
  return h('ul', { class: 'small sources' }, sources.map((s) => {
    const src = typeof s === 'string' ? { id: s, title: s, url: null } : s;
    const title = sourceTitle(src);
    return h('li', {}, src.url ? h('a', { href: src.url, rel: 'noopener noreferrer', target: '_blank' }, title) : title, src.date ? h('span', { class: 'muted' }, ` (${src.date})`) : null);
  }));
}

/**
 * Record texts sometimes cite a source by its id ("… (skl-2018-presentation)"): the page names
 * the source by its title instead. `sources` maps ids to sources.
 */
export function withSourceTitles(text, sources) {
  if (!text || !sources || sources.size === 0) return text;
  return text.replace(/[a-z0-9]+(?:-[a-z0-9]+)+/g, (id) => (sources.has(id) ? `källa: ”${sourceTitle(sources.get(id))}”` : id));
}

/** A programme's name as the page shows it: Swedish where the record has it. */
export const programmeName = (p) => (p ? p.nameSv || p.name || p.id : '');

/** County names by code (from /api/counties, once per page load); reasons-sv.js learns them too. */
export async function countyNames() {
  try {
    const res = await cached('/api/counties');
    const names = new Map(res.items.map((c) => [c.code, c.name]));
    setCountyNames(names);
    return names;
  } catch {
    return new Map();
  }
}

/**
 * Download buttons for one table: CSV for Excel (semicolons, BOM, decimal commas) and XLSX.
 * `base` is the API path without its extension, e.g. /api/export/rounds or /api/proposals/<id>.
 */
export function downloadLinks(base, params = {}, what = '', { csv = true } = {}) {
  const q = (extra) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, ...extra })) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
    const t = search.toString();
    return t ? `?${t}` : '';
  };
  const suffix = what ? ` ${what}` : '';
  return [
    h('a', { class: 'button secondary small', href: `${base}.xlsx${q({})}`, download: '' }, `Ladda ner${suffix} för Excel (XLSX)`),
    csv ? h('a', { class: 'button secondary small', href: `${base}.csv${q({ dialect: 'excel' })}`, download: '' }, `Ladda ner${suffix} som CSV`) : null,
  ];
}

export function disputedTag(text = 'omstridd') {
  return h('span', { class: 'disputed-tag', title: 'Källorna säger emot varandra; båda uppgifterna behålls.' }, text);
}

/** A programme <select>, filled from /api/programmes; `onChange(id)` on change. */
export function programmeSelect(programmes, selected, onChange, id = 'programme') {
  const select = h('select', { id, onchange: (e) => onChange(e.target.value) },
    programmes.map((p) => h('option', { value: p.id, selected: p.id === selected }, programmeName(p))));
  return h('div', { class: 'field' }, h('label', { for: id }, 'Program'), select);
}

/** A table from column definitions [{ label, value(row), num? }]. */
export function table(columns, rows, caption) {
  return scrollWrap(h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.value(r))))))));
}

/**
 * A wide table in a scroll container that says so: when the table is wider than the screen, a
 * line above it says "scroll sideways" and a shadow on the right edge shows there is more (it goes
 * once the user has scrolled to the end). `.table-wrap` stays the outer element.
 */
export function scrollWrap(tableEl) {
  const scroller = h('div', { class: 'table-scroller', tabindex: 0, role: 'region', 'aria-label': 'Tabell, kan rullas i sidled' }, tableEl);
  const hint = h('p', { class: 'scroll-hint small', hidden: true }, 'Tabellen är bredare än skärmen: dra eller rulla i sidled för att se alla kolumner →');
  const wrap = h('div', { class: 'table-wrap' }, hint, scroller);
  const update = () => {
    const wide = scroller.scrollWidth - scroller.clientWidth > 1;
    wrap.classList.toggle('scrollable', wide);
    wrap.classList.toggle('at-end', !wide || scroller.scrollLeft + scroller.clientWidth >= scroller.scrollWidth - 1);
    hint.hidden = !wide;
  };
  scroller.addEventListener('scroll', update, { passive: true });
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(update);
    ro.observe(scroller);
    ro.observe(tableEl);
  }
  requestAnimationFrame(update);
  return wrap;
}

/**
 * CSV text of a table as it is shown, for Excel with Swedish settings: semicolons, decimal commas
 * in numbers, CRLF (the caller puts the byte-order mark in front).
 */
export function toCsv(columns, rows) {
  const q = (v) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^-?\d+\.\d+$/.test(s)) s = s.replace('.', ',');
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => q(c.label)), ...rows.map((r) => columns.map((c) => q(c.csv ? c.csv(r) : c.value(r))))].map((l) => l.join(';')).join('\r\n') + '\r\n';
}
