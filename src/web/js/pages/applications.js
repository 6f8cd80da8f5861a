// Ansökningar: rounds in preparation with their applications (intresseanmälningar) and mentor
// offers; add, edit, remove, import a CSV or XLSX file, create a round, and open a round in the
// workbench. Reads are open; every write sends the token of the header's sign-in.
import { api, cached, currentToken, qs } from '../api.js';
import { plural } from '../i18n/plural.js';
import { clear, errorBox, h, kindSv, loading } from '../ui.js';

const ROLES = ['politiker', 'chef', 'strateg', 'controller', 'statistiker', 'kommunikator', 'analytiker', 'hr'];
const KINDS = ['kommun', 'region', 'stadsdel', 'forbund', 'forvaltning'];
const split = (s) => s.split(/[;,\n]/).map((x) => x.trim()).filter(Boolean);
const decisionSv = (d) => (d === true ? 'ja' : d === false ? 'nej' : 'ej angivet');

export async function render(root) {
  root.append(
    h('h1', {}, 'Ansökningar'),
    h('p', { class: 'lead' }, 'Omgångar under förberedelse med sina intresseanmälningar och mentorserbjudanden. Lägg till, ändra och ta bort här, eller importera en fil (CSV eller XLSX, t.ex. en export från ett webbformulär). Öppna sedan omgången i Förslag för att ta fram grupper och mentorer. Delegationen anges med roller, aldrig med namn.'),
  );
  const list = h('div', { id: 'app-rounds' });
  const createPanel = h('section', { class: 'panel', 'aria-labelledby': 'app-new-h' });
  root.append(createPanel, list);
  // Writes carry the token of the header's sign-in.
  const token = () => currentToken();

  const [orgs, focusAreas] = await Promise.all([
    cached(`/api/organisations${qs({ limit: 500 })}`).then((r) => r.items).catch(() => []),
    cached('/api/focus-areas').then((r) => r.items).catch(() => []),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  // One datalist of organisation names for every organisation field on the page.
  root.append(h('datalist', { id: 'app-org-list' }, orgs.map((o) => h('option', { value: o.name }, `${o.id} · ${kindSv(o.kind)}`))));
  const orgRef = (text) => {
    const t = text.trim();
    if (orgById.has(t)) return t;
    const hit = orgs.filter((o) => o.name.toLowerCase() === t.toLowerCase());
    return hit.length === 1 ? hit[0].id : t;
  };

  renderCreate(createPanel, token, () => refresh());
  async function refresh() {
    clear(list, loading('Hämtar omgångar under förberedelse …'));
    try {
      const { items } = await api('/api/rounds/preparing');
      clear(list);
      if (items.length === 0) list.append(h('p', {}, 'Ingen omgång är under förberedelse. Skapa en ovan.'));
      for (const item of items) {
        const section = h('section', { class: 'panel app-round', 'data-round': item.round.id, 'aria-labelledby': `app-r-${item.round.id}` });
        list.append(section);
        await renderRoundPanel(section, item.round.id, { token, orgRef, focusAreas, refresh });
      }
    } catch (err) {
      clear(list, errorBox(err, 'Omgångarna kunde inte hämtas'));
    }
  }
  await refresh();
}

function renderCreate(section, token, done) {
  const label = h('input', { id: 'app-new-label', type: 'text', placeholder: 't.ex. 2027–2029', maxlength: 120 });
  const programme = h('select', { id: 'app-new-programme' }, h('option', { value: 'modellkommuner' }, 'Modellkommuner'));
  cached('/api/programmes').then((r) => programme.replaceChildren(...r.items.map((p) => h('option', { value: p.id, selected: p.id === 'modellkommuner' }, p.nameSv ?? p.name)))).catch(() => {});
  const status = h('div', { 'aria-live': 'polite' });
  clear(section,
    h('h2', { id: 'app-new-h', style: 'margin-top:0' }, 'Ny omgång under förberedelse'),
    h('div', { class: 'controls' },
      h('div', { class: 'field' }, h('label', { for: 'app-new-programme' }, 'Program'), programme),
      h('div', { class: 'field' }, h('label', { for: 'app-new-label' }, 'Omgångens beteckning'), label),
      h('button', { type: 'button', id: 'app-new-create', onclick: async () => {
        try {
          await api('/api/rounds', { method: 'POST', body: { programme: programme.value, label: label.value.trim() }, token: token() });
          clear(status, h('p', { class: 'success', role: 'status' }, `Omgången ”${label.value.trim()}” skapades.`));
          label.value = '';
          done();
        } catch (err) {
          clear(status, errorBox(err, 'Omgången kunde inte skapas'));
        }
      } }, 'Skapa omgång')),
    status);
}

async function renderRoundPanel(section, roundId, ctx) {
  const prep = await api(`/api/rounds/${encodeURIComponent(roundId)}/applications`);
  const { round, applications, mentorOffers } = prep;
  const status = h('div', { 'aria-live': 'polite' });
  const reload = async () => { clear(section); await renderRoundPanel(section, roundId, ctx); };
  const write = async (what, f) => {
    try {
      await f();
      await reload();
    } catch (err) {
      clear(status, errorBox(err, what));
    }
  };
  clear(section,
    h('h2', { id: `app-r-${round.id}`, style: 'margin-top:0' }, `${round.label} `, h('span', { class: 'small muted' }, `(${round.id}, under förberedelse)`)),
    h('p', {}, `${plural(applications.length, 'ansökan', 'ansökningar')} och ${plural(mentorOffers.length, 'mentorserbjudande', 'mentorserbjudanden')}. `,
      applications.length ? h('a', { href: `#/forslag?omgang=${encodeURIComponent(round.id)}` }, 'Öppna i Förslag') : null),
    status);

  // Applications.
  const appForm = h('div');
  section.append(h('h3', {}, 'Ansökningar'));
  if (applications.length) {
    section.append(h('div', { class: 'table-wrap' }, h('table', { class: 'app-list' },
      h('thead', {}, h('tr', {}, ['Organisation', 'Fokusområden', 'Delegation (roller)', 'Gärna med', 'Inte med', 'Politiskt beslut', 'Kommentar', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, applications.map((a) => h('tr', { 'data-org': a.organisation.id },
        h('td', {}, h('a', { href: `#/organisation/${encodeURIComponent(a.organisation.id)}` }, a.organisation.name), h('span', { class: 'small muted' }, ` ${kindSv(a.organisation.kind)}`)),
        h('td', {}, a.focus.join(', ') || '–'),
        h('td', {}, a.delegation.join(', ') || '–'),
        h('td', {}, a.wishWithNames.join(', ') || '–'),
        h('td', {}, a.notWithNames.join(', ') || '–'),
        h('td', {}, decisionSv(a.genderDecision)),
        h('td', { class: 'small' }, a.note ?? ''),
        h('td', {},
          h('button', { type: 'button', class: 'secondary small', 'aria-label': `Ändra ansökan från ${a.organisation.name}`, onclick: () => applicationForm(appForm, a) }, 'Ändra'), ' ',
          h('button', { type: 'button', class: 'danger small', 'aria-label': `Ta bort ansökan från ${a.organisation.name}`, onclick: () => {
            if (!window.confirm(`Ta bort ansökan från ${a.organisation.name}?`)) return;
            write('Ansökan kunde inte tas bort', () => api(`/api/rounds/${encodeURIComponent(roundId)}/applications/${encodeURIComponent(a.id)}`, { method: 'DELETE', token: ctx.token() }));
          } }, 'Ta bort'))))))));
  } else section.append(h('p', {}, 'Inga ansökningar ännu.'));
  section.append(h('button', { type: 'button', class: 'secondary', onclick: () => applicationForm(appForm, null) }, 'Lägg till ansökan'), appForm);

  function applicationForm(box, a) {
    const p = `app-f-${roundId}`;
    const isNew = h('input', { type: 'checkbox', id: `${p}-new` });
    const org = h('input', { id: `${p}-org`, type: 'text', list: 'app-org-list', value: a ? a.organisation.name : '', size: 28 });
    const newName = h('input', { id: `${p}-name`, type: 'text', maxlength: 200 });
    const newKind = h('select', { id: `${p}-kind` }, KINDS.map((k) => h('option', { value: k }, kindSv(k))));
    const newCounty = h('input', { id: `${p}-county`, type: 'text', placeholder: 'länskod eller länets namn', size: 16 });
    const focus = h('input', { id: `${p}-focus`, type: 'text', value: a ? a.focus.join(', ') : '', list: `${p}-focus-list`, size: 28, placeholder: 'fokus-id, kommaseparerade' });
    const roles = ROLES.map((r) => h('input', { type: 'checkbox', value: r, checked: a ? a.delegation.includes(r) : false }));
    const wish = h('input', { id: `${p}-wish`, type: 'text', value: a ? a.wishWithNames.join(', ') : '', size: 28 });
    const notWith = h('input', { id: `${p}-not`, type: 'text', value: a ? a.notWithNames.join(', ') : '', size: 28 });
    const decision = h('select', { id: `${p}-decision` },
      [['', 'ej angivet'], ['true', 'ja'], ['false', 'nej']].map(([v, t]) => h('option', { value: v, selected: a ? String(a.genderDecision ?? '') === v : v === '' }, t)));
    const note = h('textarea', { id: `${p}-note`, rows: 2, cols: 40, maxlength: 2000 }, a?.note ?? '');
    const formStatus = h('div', { 'aria-live': 'polite' });
    const field = (id, label, input) => h('div', { class: 'field' }, h('label', { for: id }, label), input);
    clear(box, h('form', { class: 'panel app-form', onsubmit: async (e) => {
      e.preventDefault();
      const body = {
        organisation: isNew.checked ? { name: newName.value.trim(), kind: newKind.value, county: newCounty.value.trim() || null } : { id: ctx.orgRef(org.value) },
        focus: split(focus.value),
        delegation: roles.filter((r) => r.checked).map((r) => r.value),
        wishWith: split(wish.value).map(ctx.orgRef),
        notWith: split(notWith.value).map(ctx.orgRef),
        genderDecision: decision.value === '' ? null : decision.value === 'true',
        note: note.value.trim() || null,
      };
      try {
        const base = `/api/rounds/${encodeURIComponent(roundId)}/applications`;
        if (a) await api(`${base}/${encodeURIComponent(a.id)}`, { method: 'PUT', body, token: ctx.token() });
        else await api(base, { method: 'POST', body, token: ctx.token() });
        await reload();
      } catch (err) {
        clear(formStatus, errorBox(err, 'Ansökan kunde inte sparas'));
      }
    } },
      h('h4', { style: 'margin-top:0' }, a ? `Ändra ansökan från ${a.organisation.name}` : 'Ny ansökan'),
      h('div', { class: 'controls' },
        field(`${p}-org`, 'Organisation (namn eller kod)', org),
        h('label', { class: 'small' }, isNew, ' Ny organisation (finns inte i registret)')),
      h('div', { class: 'controls' }, field(`${p}-name`, 'Ny organisations namn', newName), field(`${p}-kind`, 'Typ', newKind), field(`${p}-county`, 'Län', newCounty)),
      h('div', { class: 'controls' }, field(`${p}-focus`, 'Fokusområden', focus),
        h('datalist', { id: `${p}-focus-list` }, ctx.focusAreas.map((f) => h('option', { value: f.id }, f.label)))),
      h('fieldset', {}, h('legend', {}, 'Delegationens roller (inga namn)'),
        ROLES.map((r, i) => h('label', { class: 'small', style: 'margin-right:0.6rem;white-space:nowrap' }, roles[i], ` ${r}`))),
      h('div', { class: 'controls' }, field(`${p}-wish`, 'Gärna med (namn eller kod, kommaseparerade)', wish), field(`${p}-not`, 'Inte med', notWith)),
      h('div', { class: 'controls' }, field(`${p}-decision`, 'Politiskt beslut om jämställdhetsintegrering (t.ex. CEMR-deklarationen)', decision)),
      field(`${p}-note`, 'Kommentar', note),
      h('div', { class: 'controls' },
        h('button', { type: 'submit' }, 'Spara ansökan'),
        h('button', { type: 'button', class: 'secondary', onclick: () => clear(box) }, 'Avbryt')),
      formStatus));
    org.focus();
  }

  // Mentor offers.
  const offerForm = h('div');
  section.append(h('h3', {}, 'Mentorserbjudanden'));
  if (mentorOffers.length) {
    section.append(h('div', { class: 'table-wrap' }, h('table', { class: 'offer-list' },
      h('thead', {}, h('tr', {}, ['Organisation', 'Kapacitet (grupper)', 'Kommentar', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, mentorOffers.map((o) => h('tr', { 'data-org': o.organisation.id },
        h('td', {}, h('a', { href: `#/organisation/${encodeURIComponent(o.organisation.id)}` }, o.organisation.name)),
        h('td', {}, String(o.capacity)),
        h('td', { class: 'small' }, o.note ?? ''),
        h('td', {},
          h('button', { type: 'button', class: 'secondary small', 'aria-label': `Ändra mentorserbjudandet från ${o.organisation.name}`, onclick: () => mentorForm(offerForm, o) }, 'Ändra'), ' ',
          h('button', { type: 'button', class: 'danger small', 'aria-label': `Ta bort mentorserbjudandet från ${o.organisation.name}`, onclick: () => {
            if (!window.confirm(`Ta bort mentorserbjudandet från ${o.organisation.name}?`)) return;
            write('Erbjudandet kunde inte tas bort', () => api(`/api/rounds/${encodeURIComponent(roundId)}/mentor-offers/${encodeURIComponent(o.id)}`, { method: 'DELETE', token: ctx.token() }));
          } }, 'Ta bort'))))))));
  } else section.append(h('p', {}, 'Inga mentorserbjudanden ännu. Utan erbjudanden föreslås tidigare deltagare som mentorer.'));
  section.append(h('button', { type: 'button', class: 'secondary', onclick: () => mentorForm(offerForm, null) }, 'Lägg till mentorserbjudande'), offerForm);

  function mentorForm(box, o) {
    const p = `app-m-${roundId}`;
    const org = h('input', { id: `${p}-org`, type: 'text', list: 'app-org-list', value: o ? o.organisation.name : '', size: 28 });
    const capacity = h('input', { id: `${p}-cap`, type: 'number', min: 1, max: 10, step: 1, value: o ? o.capacity : 1 });
    const note = h('input', { id: `${p}-note`, type: 'text', value: o?.note ?? '', size: 40, maxlength: 2000 });
    const formStatus = h('div', { 'aria-live': 'polite' });
    clear(box, h('form', { class: 'panel', onsubmit: async (e) => {
      e.preventDefault();
      const body = { organisation: ctx.orgRef(org.value), capacity: Number(capacity.value), note: note.value.trim() || null };
      try {
        const base = `/api/rounds/${encodeURIComponent(roundId)}/mentor-offers`;
        if (o) await api(`${base}/${encodeURIComponent(o.id)}`, { method: 'PUT', body, token: ctx.token() });
        else await api(base, { method: 'POST', body, token: ctx.token() });
        await reload();
      } catch (err) {
        clear(formStatus, errorBox(err, 'Erbjudandet kunde inte sparas'));
      }
    } },
      h('div', { class: 'controls' },
        h('div', { class: 'field' }, h('label', { for: `${p}-org` }, 'Organisation (tidigare deltagare)'), org),
        h('div', { class: 'field' }, h('label', { for: `${p}-cap` }, 'Kapacitet (grupper, 1–10)'), capacity),
        h('div', { class: 'field' }, h('label', { for: `${p}-note` }, 'Kommentar'), note)),
      h('div', { class: 'controls' }, h('button', { type: 'submit' }, 'Spara erbjudandet'), h('button', { type: 'button', class: 'secondary', onclick: () => clear(box) }, 'Avbryt')),
      formStatus));
    org.focus();
  }

  // Import.
  const p = `app-i-${roundId}`;
  const fileInput = h('input', { id: `${p}-file`, type: 'file', accept: '.csv,.xlsx,text/csv' });
  const kind = h('select', { id: `${p}-kind` }, h('option', { value: 'applications' }, 'Ansökningar'), h('option', { value: 'mentor-offers' }, 'Mentorserbjudanden'));
  const encoding = h('select', { id: `${p}-enc` }, h('option', { value: '' }, 'UTF-8 (standard)'), h('option', { value: 'windows-1252' }, 'Windows-1252 / Latin-1'));
  const importStatus = h('div', { 'aria-live': 'polite' });
  section.append(h('h3', {}, 'Importera fil'),
    h('p', { class: 'small' }, 'CSV eller XLSX med rubrikrad, t.ex. en export från ett webbformulär. Svenska kolumnrubriker går bra (Organisation, Fokusområden, Delegationens roller, Gärna med, Inte med, Politiskt beslut, Kommentar; för mentorer Organisation och Kapacitet). Hela filen kontrolleras först: vid minsta fel sparas ingenting och varje fel visas med rad och fält.'),
    h('div', { class: 'controls' },
      h('div', { class: 'field' }, h('label', { for: `${p}-file` }, 'Fil'), fileInput),
      h('div', { class: 'field' }, h('label', { for: `${p}-kind` }, 'Innehåll'), kind),
      h('div', { class: 'field' }, h('label', { for: `${p}-enc` }, 'Teckenkodning (CSV)'), encoding),
      h('button', { type: 'button', id: `${p}-go`, onclick: async () => {
        const file = fileInput.files?.[0];
        if (!file) { clear(importStatus, h('p', { class: 'error', role: 'alert' }, 'Välj en fil först.')); return; }
        clear(importStatus, loading('Importerar …'));
        try {
          const content = toBase64(await file.arrayBuffer());
          const res = await api(`/api/rounds/${encodeURIComponent(roundId)}/${kind.value}/import`, {
            method: 'POST', token: ctx.token(), body: { file: file.name, content, ...(encoding.value ? { encoding: encoding.value } : {}) },
          });
          await reload();
          section.querySelector('[aria-live]')?.append(h('p', { class: 'success', role: 'status' },
            `${file.name}: ${plural(res.inserted.length, 'ny', 'nya')}, ${plural(res.updated.length, 'uppdaterad', 'uppdaterade')}` +
            (res.organisationsCreated.length ? `; ${plural(res.organisationsCreated.length, 'ny organisation', 'nya organisationer')} i registret.` : '.')));
        } catch (err) {
          clear(importStatus, importErrors(err, file.name));
        }
      } }, 'Importera')),
    importStatus);
}

/** An import refusal: every problem with its line and field, so the file can be fixed. */
function importErrors(err, fileName) {
  const box = errorBox(new Error(err instanceof Error ? err.message : String(err)), `${fileName} importerades inte`);
  if (Array.isArray(err.details) && err.details.length) {
    box.append(h('ul', { class: 'small import-errors' }, err.details.slice(0, 50).map((d) =>
      h('li', {}, [d.line !== undefined ? `rad ${d.line}` : null, d.field ? `fält ${d.field}` : null].filter(Boolean).join(', ') + `: ${d.message}`))));
    if (err.details.length > 50) box.append(h('p', { class: 'small' }, `… och ${plural(err.details.length - 50, 'fel till', 'fel till')}.`));
  }
  return box;
}

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
