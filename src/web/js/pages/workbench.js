// Förslag: the project lead's workbench. State (applicants, mentors, weights, rules) lives in this
// module while the page is open; "Kör" posts it as a matching instance to /api/proposals and shows
// the groups with every term and reason, the optimality status, alternatives, a what-if, and
// accepting the proposal as a round (writes send the token of the header's sign-in).
import { ApiError, api, cached, qs, streamLines } from '../api.js';
import { plural, pluralWord } from '../i18n/plural.js';
import { labelSv, reasonSv } from '../i18n/reasons-sv.js';
import { CRITERION_SV, clear, countyNames, downloadLinks, errorBox, fmtInt, fmtNum, h, kindSv, loading, orgLink, programmeName, quotedEn, scrollWrap } from '../ui.js';

const CRITERIA = ['geography', 'focus', 'history', 'size', 'kommungrupp', 'delegation', 'wish'];
const DEFAULT_WEIGHTS = { geography: 3, focus: 2, history: 2, size: 1, kommungrupp: 1, delegation: 0.5, wish: 3 };
const DEFAULT_RULES = { groupSize: [2, 3], county: 'any', mentorRequired: false, noRepeatGroupings: true, supportingMentors: false, kinds: 'any', pin: [], forbid: [] };
const DELEGATION = [['politiker', 'politiker'], ['chef', 'chef'], ['strateg', 'strateg']];
const CRITERION_HELP = {
  geography: 'avstånd mellan kommunernas mittpunkter; samma eller angränsande län',
  focus: 'gemensamma fokusområden (neutral när inga anges)',
  history: 'inte grupperade förut; mentorns erfarenhet, aktualitet och belastning',
  size: 'befolkning på logaritmisk skala',
  kommungrupp: 'samma kommungrupp eller huvudgrupp',
  delegation: 'komplett delegation (politiker, chef, strateg)',
  wish: 'önskemål ”gärna med” i ansökningarna (verkar bara när någon sökande har ett)',
};

function freshState() {
  return {
    programme: 'modellkommuner',
    round: '',
    applicants: [],
    mentors: [],
    weights: { ...DEFAULT_WEIGHTS },
    rules: structuredClone(DEFAULT_RULES),
    seed: 1,
    note: null,
    // The round in preparation the applicants were loaded from (Ansökningar); accepting plans it.
    preparingRound: null,
  };
}

// Kept across visits to the tab while the page is open, so switching pages loses nothing.
let state = freshState();
let lastProposal = null;
const orgNames = new Map();
/** County names by code and the focus-area vocabulary, for showing names instead of codes. */
let counties = new Map();
let focusAreas = [];
const countyOf = (code) => (code ? counties.get(code) ?? code : '–');

export async function render(root, { params = {} } = {}) {
  root.append(
    h('h1', {}, 'Förslag till omgång'),
    h('p', { class: 'lead' }, 'Välj program och omgång, lägg till sökande och mentorer, ställ in vikter och regler och kör. Förslaget visar grupperna med varje poäng och skäl, och om det är bevisat optimalt. Du kan jämföra alternativ, pröva ”tänk om” och till sist anta förslaget som en omgång.'),
  );
  const sections = {
    round: h('section', { class: 'panel', 'aria-labelledby': 'wb-round-h' }),
    applicants: h('section', { class: 'panel', 'aria-labelledby': 'wb-app-h' }),
    mentors: h('section', { class: 'panel', 'aria-labelledby': 'wb-men-h' }),
    settings: h('section', { class: 'panel', 'aria-labelledby': 'wb-set-h' }),
    run: h('section', { class: 'panel', 'aria-labelledby': 'wb-run-h' }),
    result: h('section', { id: 'proposal-result', 'aria-live': 'polite', 'aria-labelledby': 'wb-res-h' }),
    rollout: h('section', { class: 'panel', 'aria-labelledby': 'wb-roll-h' }),
  };
  root.append(...Object.values(sections));

  // Names for ids (examples and proposals carry ids only); one request for all organisations.
  try {
    const all = await cached(`/api/organisations${qs({ limit: 500 })}`);
    for (const o of all.items) orgNames.set(o.id, o);
  } catch (err) {
    sections.round.append(errorBox(err, 'Organisationerna kunde inte hämtas'));
  }
  counties = await countyNames();
  try {
    focusAreas = (await cached('/api/focus-areas')).items;
  } catch (err) {
    sections.applicants.append(errorBox(err, 'Fokusområdena kunde inte hämtas'));
  }

  const rerender = () => {
    renderRound(sections.round, rerender);
    renderApplicants(sections.applicants, rerender);
    renderMentors(sections.mentors, rerender);
    renderSettings(sections.settings, rerender);
    renderRun(sections.run, sections.result);
  };
  if (params.omgang && params.omgang !== state.preparingRound) {
    try {
      await loadPreparingRound(params.omgang);
    } catch (err) {
      sections.round.append(errorBox(err, 'Ansökningarna kunde inte laddas'));
    }
  }
  rerender();
  if (lastProposal) renderProposal(sections.result, lastProposal.id, lastProposal.proposal);
  await renderRollout(sections.rollout);
}

// ---- Rollout plan ---------------------------------------------------------------------------------
async function renderRollout(section) {
  clear(section, h('h2', { id: 'wb-roll-h', style: 'margin-top:0' }, 'Utrullningsplan: hur många omgångar tills alla är med?'),
    h('p', { class: 'small muted' }, 'Det minsta antalet kommande omgångar, med en undre gräns som bevis: deltagarna i en omgång blir mentorer från nästa. Hela planen, med träd, karta och nedladdning, finns på sidan ',
      h('a', { href: '#/utrullning', id: 'wb-roll-page' }, 'Utrullning'), '. Inget sparas.'));
  const target = h('select', { id: 'wb-roll-target' }, h('option', { value: 'all' }, 'Hela landet (alla kommuner)'));
  const capacity = h('input', { id: 'wb-roll-cap', type: 'number', min: 1, max: 10, value: 1 });
  const out = h('div', { id: 'wb-roll-result', 'aria-live': 'polite' });
  const pageLink = section.querySelector('#wb-roll-page');
  const syncLink = () => { pageLink.href = `#/utrullning${qs({ target: target.value, capacity: capacity.value, program: state.programme === 'modellkommuner' ? '' : state.programme })}`; };
  target.addEventListener('change', syncLink);
  capacity.addEventListener('change', syncLink);
  const button = h('button', { type: 'button', class: 'secondary', id: 'wb-roll-run', onclick: async () => {
    button.disabled = true;
    clear(out, loading('Beräknar planen …'));
    try {
      const plan = await api('/api/rollout-plans', { method: 'POST', body: { target: target.value, programme: state.programme, capacity: Number(capacity.value) || 1 } });
      renderPlan(out, plan, target.selectedOptions[0]?.textContent ?? target.value);
    } catch (err) {
      clear(out, errorBox(err, 'Planen kunde inte beräknas'));
    } finally { button.disabled = false; }
  } }, 'Beräkna plan');
  section.append(h('div', { class: 'controls' },
    h('div', { class: 'field' }, h('label', { for: 'wb-roll-target' }, 'Mål'), target),
    h('div', { class: 'field' }, h('label', { for: 'wb-roll-cap' }, 'Grupper per mentor'), capacity),
    button), out);
  try {
    const [counties, groups] = await Promise.all([cached('/api/counties'), cached('/api/kommungrupper')]);
    target.append(
      h('optgroup', { label: 'Län' }, counties.items.map((c) => h('option', { value: `county:${c.code}` }, c.name))),
      h('optgroup', { label: 'Kommungrupp 2017' }, groups.items.filter((g) => (g.version ?? 2017) === 2017).map((g) => h('option', { value: `kommungrupp:${g.code}` }, `${g.code} ${g.name}`))));
  } catch (err) {
    section.append(errorBox(err, 'Län och kommungrupper kunde inte hämtas'));
  }
  syncLink();
}

function renderPlan(out, plan, targetName) {
  const link = h('a', { href: `#/utrullning${qs({ target: plan.target.spec, capacity: plan.settings.capacity })}` }, 'Visa som kaskad (träd och karta)');
  clear(out,
    h('p', {}, h('strong', {}, targetName), `: ${plural(plan.target.ids.length, 'organisation', 'organisationer')}, varav ${fmtInt(plan.alreadyReached.length)} redan har deltagit. `,
      plan.roundsNeeded === null
        ? `Alla nås inte inom ${plural(plan.settings.maxRounds, 'omgång', 'omgångar')}.`
        : `${plural(plan.roundsNeeded, 'omgång behövs', 'omgångar behövs')} (undre gräns ${plan.lowerBound}${plan.minimal ? ', bevisat minsta antal' : ''}). `,
      plan.unreachable.length ? `${plural(plan.unreachable.length, 'organisation', 'organisationer')} nås inte. ` : '', link),
    plan.rounds.length ? h('ol', {}, plan.rounds.map((r) => h('li', {},
      h('strong', {}, `Omgång ${r.index}: `), `${plural(r.joins.length, 'ny', 'nya')} i ${plural(r.groups.length, 'grupp', 'grupper')}. `,
      h('details', { style: 'display:inline' }, h('summary', { class: 'small' }, 'Vilka?'),
        h('ul', { class: 'small' }, r.groups.map((g) => h('li', {}, `${g.mentor.name} → ${g.members.map((m) => m.name).join(', ')}`))))))) : null);
}

const orgOf = (id) => orgNames.get(id) ?? { id, name: id, kind: 'unknown', countyCode: null };

// ---- 1. Round ----------------------------------------------------------------------------------
async function renderRound(section, rerender) {
  clear(section, h('h2', { id: 'wb-round-h', style: 'margin-top:0' }, '1. Program och omgång'));
  const row = h('div', { class: 'controls' });
  section.append(row);
  const roundInput = h('input', { id: 'wb-round', type: 'text', value: state.round, placeholder: 't.ex. 2025-2027', onchange: (e) => { state.round = e.target.value.trim(); } });
  const seedInput = h('input', { id: 'wb-seed', type: 'number', min: 0, step: 1, value: state.seed, onchange: (e) => { state.seed = Number(e.target.value) || 0; } });
  const progField = h('div', { class: 'field' }, h('label', { for: 'wb-programme' }, 'Program'), h('select', { id: 'wb-programme', disabled: true }, h('option', {}, 'Laddar …')));
  row.append(progField,
    h('div', { class: 'field' }, h('label', { for: 'wb-round' }, 'Omgångens beteckning'), roundInput));
  section.append(h('details', { class: 'tech-info small', id: 'wb-round-tech' }, h('summary', {}, 'Teknisk information'),
    h('div', { class: 'field' }, h('label', { for: 'wb-seed' }, 'Startvärde för slumpen'), seedInput,
      h('span', { class: 'muted' }, 'Samma startvärde och samma uppgifter ger alltid samma förslag. Ändra bara om du vill se om beräkningen hittar en annan lika bra indelning.'))));
  const exampleRow = h('div', { class: 'controls', style: 'margin-top:0.6rem' });
  section.append(exampleRow);
  preparingRoundRow(rerender).then((r) => section.append(r));
  try {
    const programmes = (await cached('/api/programmes')).items;
    const select = h('select', { id: 'wb-programme', onchange: (e) => { state.programme = e.target.value; renderMentors(document.querySelector('[aria-labelledby="wb-men-h"]'), rerender); } },
      programmes.map((p) => h('option', { value: p.id, selected: p.id === state.programme }, programmeName(p))));
    progField.replaceChildren(h('label', { for: 'wb-programme' }, 'Program'), select);
  } catch (err) {
    progField.append(errorBox(err, 'Programmen kunde inte hämtas'));
  }
  try {
    const res = await cached('/api/examples');
    const examples = (res.items ?? res).map((e) => (typeof e === 'string' ? { name: e } : e));
    const select = h('select', { id: 'wb-example' }, examples.map((e) => h('option', { value: e.name ?? e.id }, e.titleSv ?? e.title ?? e.name ?? e.id)));
    const status = h('span', { 'aria-live': 'polite', class: 'small' });
    exampleRow.append(
      h('div', { class: 'field' }, h('label', { for: 'wb-example' }, 'Exempel'), select),
      h('button', { type: 'button', class: 'secondary', id: 'wb-load-example', onclick: async () => {
        status.textContent = 'Laddar exemplet …';
        try {
          const ex = await api(`/api/examples/${encodeURIComponent(select.value)}`);
          loadInstance(ex.instance ?? ex.input ?? ex);
          status.textContent = '';
          rerender();
          document.getElementById('wb-app-h')?.focus();
        } catch (err) {
          status.replaceChildren(errorBox(err, 'Exemplet kunde inte laddas'));
        }
      } }, 'Ladda exemplet'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { state = freshState(); lastProposal = null; rerender(); clear(document.getElementById('proposal-result')); } }, 'Börja om'),
      status);
  } catch (err) {
    exampleRow.append(errorBox(err, 'Exemplen kunde inte hämtas'));
  }
}

/** Applicants, mentor offers and wishes of a round in preparation (GET /api/rounds/:id/instance). */
async function loadPreparingRound(roundId) {
  const built = await api(`/api/rounds/${encodeURIComponent(roundId)}/instance`);
  loadInstance(built.instance);
  state.preparingRound = roundId;
  lastProposal = null;
}

/** Row of the round section: pick a round in preparation and load its applications. */
async function preparingRoundRow(rerender) {
  const row = h('div', { class: 'controls', style: 'margin-top:0.6rem' });
  const status = h('span', { 'aria-live': 'polite', class: 'small' });
  try {
    const { items } = await api('/api/rounds/preparing');
    if (items.length === 0) {
      row.append(h('p', { class: 'small muted' }, 'Ingen omgång under förberedelse (se Ansökningar).'));
      return row;
    }
    const select = h('select', { id: 'wb-preparing' }, items.map((i) => h('option', { value: i.round.id, selected: i.round.id === state.preparingRound },
      `${i.round.label} (${i.applications} sökande, ${i.mentorOffers} mentorer)`)));
    row.append(h('div', { class: 'field' }, h('label', { for: 'wb-preparing' }, 'Omgång under förberedelse'), select),
      h('button', { type: 'button', class: 'secondary', id: 'wb-load-preparing', onclick: async () => {
        status.textContent = 'Laddar ansökningarna …';
        try {
          await loadPreparingRound(select.value);
          status.textContent = '';
          rerender();
          clear(document.getElementById('proposal-result'));
        } catch (err) {
          status.replaceChildren(errorBox(err, 'Ansökningarna kunde inte laddas'));
        }
      } }, 'Ladda ansökningarna'), status);
    if (state.preparingRound) row.append(h('p', { class: 'small' }, `Sökande, mentorer och önskemål kommer från omgången ${state.preparingRound}: ”inte med” är förbjudna par, ”gärna med” ger poäng (kriteriet Önskad partner). Antas förslaget blir den omgången planerad.`));
  } catch (err) {
    row.append(errorBox(err, 'Omgångarna under förberedelse kunde inte hämtas'));
  }
  return row;
}

/** What an accept adds when the proposal was made from a round in preparation: that round becomes planned. */
export function preparingAcceptFields() {
  return state.preparingRound ? { round: state.preparingRound } : {};
}

function loadInstance(inst) {
  state = freshState();
  state.programme = inst.programme ?? state.programme;
  state.round = inst.round ?? '';
  state.seed = inst.seed ?? 1;
  state.note = inst.noteSv ? { sv: inst.noteSv } : inst.note ? { en: inst.note } : null;
  state.applicants = (inst.applicants ?? []).map((a) => ({ id: a.id, focus: a.focus ?? [], delegation: a.delegation ?? null, ...(a.wishWith ? { wishWith: a.wishWith } : {}) }));
  state.mentors = (inst.mentors ?? []).map((m) => ({ id: m.id, capacity: m.capacity ?? 1 }));
  state.weights = { ...DEFAULT_WEIGHTS, ...(inst.weights ?? {}) };
  state.rules = { ...structuredClone(DEFAULT_RULES), ...(inst.rules ?? {}) };
}

// ---- 2. Applicants -----------------------------------------------------------------------------
function renderApplicants(section, rerender) {
  clear(section, h('h2', { id: 'wb-app-h', tabindex: -1, style: 'margin-top:0' }, `2. Sökande (${state.applicants.length})`));
  if (state.note) section.append(h('p', { class: 'small', id: 'wb-example-note' }, h('strong', {}, 'Om exemplet: '), state.note.sv ?? quotedEn(state.note.en, '(exemplets egen beskrivning, på engelska): ')));
  section.append(orgSearch('wb-search', 'Sök kommun eller organisation att lägga till (namn eller kod)', [
    { label: 'Sökande', title: (o) => `Lägg till ${o.name} som sökande`, act: (o) => { addApplicant(o.id); rerender(); } },
    { label: 'Mentor', title: (o) => `Lägg till ${o.name} som mentor`, act: (o) => { addMentor(o.id); rerender(); } },
  ]));
  if (state.applicants.length === 0) {
    section.append(h('p', {}, 'Inga sökande ännu. Sök ovan eller ladda ett exempel.'));
    return;
  }
  const rows = state.applicants.map((a, i) => {
    const o = orgOf(a.id);
    return h('tr', {},
      h('td', {}, orgLink(o)),
      h('td', {}, kindSv(o.kind)),
      h('td', {}, countyOf(o.countyCode)),
      h('td', {}, focusPicker(a, o, i)),
      h('td', {}, h('fieldset', { style: 'border:0;padding:0;margin:0' }, h('legend', { style: 'position:absolute;left:-9999px' }, `Delegation för ${o.name}`),
        DELEGATION.map(([id, label]) => h('label', { class: 'small', style: 'margin-right:0.4rem;white-space:nowrap' },
          h('input', { type: 'checkbox', checked: (a.delegation ?? []).includes(id), onchange: (e) => {
            const set = new Set(a.delegation ?? []);
            if (e.target.checked) set.add(id); else set.delete(id);
            a.delegation = set.size ? [...set] : null;
          } }), ` ${label}`)))),
      h('td', {}, h('button', { type: 'button', class: 'danger small', 'aria-label': `Ta bort ${o.name}`, onclick: () => { state.applicants.splice(i, 1); rerender(); } }, 'Ta bort')));
  });
  section.append(scrollWrap(h('table', { class: 'applicant-list' },
    h('thead', {}, h('tr', {}, ['Organisation', 'Typ', 'Län', 'Fokusområden', 'Delegation', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows))));
  if (focusAreas.length) {
    section.append(h('details', { class: 'small', id: 'wb-focus-about' }, h('summary', {}, 'Vad fokusområdena betyder'),
      h('dl', { class: 'glossary' }, focusAreas.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.descriptionSv ?? f.description ?? '')]))));
  }
}

/** The applicant's focus areas, picked by name from the vocabulary (checkboxes in a fold-out). */
function focusPicker(a, o, i) {
  const labelOf = (id) => focusAreas.find((f) => f.id === id)?.label ?? id;
  const chosen = () => (a.focus ?? []).length ? (a.focus ?? []).map(labelOf).join(', ') : 'inga valda';
  const summary = h('summary', { 'aria-label': `Fokusområden för ${o.name}: ${chosen()}` }, chosen());
  const refresh = () => { summary.textContent = chosen(); summary.setAttribute('aria-label', `Fokusområden för ${o.name}: ${chosen()}`); };
  return h('details', { class: 'focus-pick', id: `wb-focus-${i}` }, summary,
    focusAreas.length === 0 ? h('p', { class: 'small' }, 'Fokusområdena kunde inte hämtas.') :
      h('ul', {}, focusAreas.map((f) => h('li', {}, h('label', { title: f.descriptionSv ?? '' },
        h('input', { type: 'checkbox', value: f.id, checked: (a.focus ?? []).includes(f.id), onchange: (e) => {
          const set = new Set(a.focus ?? []);
          if (e.target.checked) set.add(f.id); else set.delete(f.id);
          a.focus = focusAreas.map((x) => x.id).filter((id) => set.has(id));
          refresh();
        } }), f.label)))));
}

function addApplicant(id) {
  if (state.applicants.some((a) => a.id === id)) return;
  state.mentors = state.mentors.filter((m) => m.id !== id);
  state.applicants.push({ id, focus: [], delegation: null });
}
function addMentor(id, capacity = 1) {
  if (state.mentors.some((m) => m.id === id)) return;
  state.applicants = state.applicants.filter((a) => a.id !== id);
  state.mentors.push({ id, capacity });
}

/** A search box over /api/organisations with one button per action on each hit. */
function orgSearch(id, label, actions) {
  const input = h('input', { id, type: 'search', autocomplete: 'off', placeholder: 't.ex. Köping eller 1983' });
  const results = h('ul', { class: 'search-results', 'aria-label': 'Sökträffar' });
  const status = h('p', { class: 'small', 'aria-live': 'polite' });
  let timer = null;
  const run = async () => {
    const q = input.value.trim();
    if (!q) { results.replaceChildren(); status.textContent = ''; return; }
    status.textContent = 'Söker …';
    try {
      const page = await api(`/api/organisations${qs({ q, limit: 10 })}`);
      status.textContent = page.total ? `${plural(page.total, 'träff', 'träffar')}${page.total > 10 ? ' (de 10 första visas)' : ''}.` : `Ingen träff för ”${q}”.`;
      results.replaceChildren(...page.items.map((o) => {
        orgNames.set(o.id, o);
        return h('li', {}, h('span', {}, `${o.name} `, h('span', { class: 'small muted' }, `${kindSv(o.kind)}${o.countyCode ? `, ${countyOf(o.countyCode)}` : ''}`)),
          h('span', {}, actions.map((a) => h('button', { type: 'button', class: 'small secondary', 'aria-label': a.title(o), onclick: () => a.act(o) }, `+ ${a.label}`))));
      }));
    } catch (err) {
      status.replaceChildren(errorBox(err, 'Sökningen misslyckades'));
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); clearTimeout(timer); void run(); } });
  return h('div', {}, h('div', { class: 'field' }, h('label', { for: id }, label), input), status, results);
}

// ---- 3. Mentors --------------------------------------------------------------------------------
async function renderMentors(section, rerender) {
  if (!section) return;
  clear(section, h('h2', { id: 'wb-men-h', style: 'margin-top:0' }, `3. Mentorer (${plural(state.mentors.length, 'vald', 'valda')})`));
  section.append(h('p', { class: 'small muted' }, state.mentors.length
    ? 'Bara de valda mentorerna används. Kapacitet = hur många grupper mentorn kan ta.'
    : 'Inga mentorer valda: motorn använder standardmentorerna (de som deltog i en tidigare omgång och inte var mentorer i den senaste). Välj bland förslagen nedan för att bestämma själv.'));
  if (state.mentors.length) {
    section.append(scrollWrap(h('table', {},
      h('thead', {}, h('tr', {}, ['Mentor', 'Län', 'Kapacitet (grupper)', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, state.mentors.map((m, i) => {
        const o = orgOf(m.id);
        const capId = `wb-cap-${i}`;
        return h('tr', {},
          h('td', {}, orgLink(o)),
          h('td', {}, countyOf(o.countyCode)),
          h('td', {}, h('label', { for: capId, style: 'position:absolute;left:-9999px' }, `Kapacitet för ${o.name}`),
            h('input', { id: capId, type: 'number', min: 0, max: 10, value: m.capacity, onchange: (e) => { m.capacity = Math.max(0, Number(e.target.value) || 0); } })),
          h('td', {}, h('button', { type: 'button', class: 'danger small', 'aria-label': `Ta bort mentorn ${o.name}`, onclick: () => { state.mentors.splice(i, 1); rerender(); } }, 'Ta bort')));
      })))));
  }
  const suggested = h('details', { id: 'wb-eligible' }, h('summary', {}, 'Föreslagna mentorer'), loading('Laddar föreslagna mentorer …'));
  section.append(suggested);
  try {
    const res = await cached(`/api/mentors/eligible${qs({ programme: state.programme })}`);
    const counties = new Map();
    for (const a of state.applicants) {
      const c = orgOf(a.id).countyCode;
      if (c) counties.set(c, (counties.get(c) ?? 0) + 1);
    }
    const items = (res.items ?? res)
      .map((it) => ({ org: it.organisation ?? it.org ?? it, last: it.lastParticipation?.roundLabel ?? null, capacity: it.capacity ?? 1 }))
      .map((it) => ({ ...it, near: counties.get(it.org.countyCode) ?? 0 }))
      .sort((a, b) => b.near - a.near || a.org.name.localeCompare(b.org.name, 'sv'));
    for (const it of items) if (it.org?.id && it.org.name) orgNames.set(it.org.id, { ...orgOf(it.org.id), ...it.org });
    suggested.replaceChildren(h('summary', {}, `Föreslagna mentorer (${fmtInt(items.length)})`),
      h('p', { class: 'small muted' }, 'Organisationer som deltog i en tidigare omgång och inte var mentorer i den senaste. De i samma län som sökande står först.'),
      items.length === 0 ? h('p', {}, 'Inga föreslagna mentorer för programmet.') :
        h('ul', { class: 'search-results', style: 'max-height:20rem' }, items.map((it) => h('li', {},
          h('span', {}, orgLink(it.org), h('span', { class: 'small muted' }, [
            it.org.countyCode ? ` ${countyOf(it.org.countyCode)}` : '',
            it.last ? `, senast med ${it.last}` : '',
            it.near ? `, samma län som ${it.near} sökande` : '',
          ])),
          state.mentors.some((m) => m.id === it.org.id) ? h('span', { class: 'small' }, 'vald') :
            h('button', { type: 'button', class: 'small secondary', 'aria-label': `Välj ${it.org.name} som mentor`, onclick: () => { addMentor(it.org.id, it.capacity); rerender(); } }, '+ Välj')))));
  } catch (err) {
    suggested.replaceChildren(h('summary', {}, 'Föreslagna mentorer'), errorBox(err, 'Föreslagna mentorer kunde inte hämtas'));
  }
}

// ---- 4. Weights and rules ----------------------------------------------------------------------
function renderSettings(section, rerender) {
  clear(section, h('h2', { id: 'wb-set-h', style: 'margin-top:0' }, '4. Vikter och regler'));
  const weights = h('div', { class: 'weights' }, CRITERIA.map((c) => {
    const id = `wb-w-${c}`;
    const out = h('output', { for: id, id: `${id}-out` }, fmtNum(state.weights[c], 1));
    return h('div', { class: 'field' },
      h('label', { for: id }, CRITERION_SV[c], ' ', out),
      h('input', { id, type: 'range', min: 0, max: 5, step: 0.5, value: state.weights[c], 'aria-describedby': `${id}-help`,
        oninput: (e) => { state.weights[c] = Number(e.target.value); out.textContent = fmtNum(state.weights[c], 1); } }),
      h('span', { id: `${id}-help`, class: 'small muted' }, CRITERION_HELP[c]));
  }));
  const r = state.rules;
  const toggle = (key, label, help) => {
    const id = `wb-r-${key}`;
    return h('div', { class: 'field inline' }, h('input', { id, type: 'checkbox', checked: !!r[key], onchange: (e) => { r[key] = e.target.checked; } }),
      h('label', { for: id }, label), help ? h('span', { class: 'small muted' }, `(${help})`) : null);
  };
  const sizeSel = (idx, id, label) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, onchange: (e) => { r.groupSize = [...r.groupSize]; r.groupSize[idx] = Number(e.target.value); } },
      [2, 3, 4].map((n) => h('option', { value: n, selected: r.groupSize[idx] === n }, String(n)))));
  const participants = [...state.applicants.map((a) => a.id), ...state.mentors.map((m) => m.id)];
  const pairEditor = (key, title, help) => {
    const a = h('select', { id: `wb-${key}-a` }, participants.map((id) => h('option', { value: id }, orgOf(id).name)));
    const b = h('select', { id: `wb-${key}-b` }, participants.map((id, i) => h('option', { value: id, selected: i === 1 }, orgOf(id).name)));
    return h('div', { class: 'field' }, h('span', { class: 'label' }, title), h('span', { class: 'small muted' }, help),
      h('ul', { class: 'small' }, (r[key] ?? []).map((p, i) => h('li', {}, `${orgOf(p[0]).name} + ${orgOf(p[1]).name} `,
        h('button', { type: 'button', class: 'small danger', 'aria-label': `Ta bort ${title.toLowerCase()} ${orgOf(p[0]).name} och ${orgOf(p[1]).name}`, onclick: () => { r[key].splice(i, 1); rerender(); } }, 'Ta bort')))),
      participants.length < 2 ? h('span', { class: 'small' }, 'Lägg till sökande först.') :
        h('div', { class: 'controls' },
          h('label', { for: `wb-${key}-a`, style: 'position:absolute;left:-9999px' }, `${title}: första`), a,
          h('label', { for: `wb-${key}-b`, style: 'position:absolute;left:-9999px' }, `${title}: andra`), b,
          h('button', { type: 'button', class: 'small secondary', onclick: () => {
            if (a.value === b.value) return;
            r[key] = [...(r[key] ?? []), [a.value, b.value]];
            rerender();
          } }, 'Lägg till')));
  };
  section.append(
    h('h3', {}, 'Vikter'), h('p', { class: 'small muted' }, 'Standard enligt SKR:s praxis: närhet först, tema på begäran, jämförbarhet därefter. Poängen för ett par är det viktade medelvärdet av kriterierna.'),
    weights,
    h('h3', {}, 'Regler'),
    h('div', { class: 'controls' },
      sizeSel(0, 'wb-size-min', 'Minsta gruppstorlek'), sizeSel(1, 'wb-size-max', 'Största gruppstorlek'),
      h('div', { class: 'field' }, h('label', { for: 'wb-county' }, 'Län i gruppen'),
        h('select', { id: 'wb-county', onchange: (e) => { r.county = e.target.value; } },
          [['any', 'valfritt'], ['same', 'samma län'], ['different', 'olika län']].map(([v, t]) => h('option', { value: v, selected: r.county === v }, t)))),
      h('div', { class: 'field' }, h('label', { for: 'wb-kinds' }, 'Organisationstyper'),
        h('select', { id: 'wb-kinds', onchange: (e) => { r.kinds = e.target.value; } },
          [['any', 'får blandas'], ['same', 'bara samma typ']].map(([v, t]) => h('option', { value: v, selected: (typeof r.kinds === 'string' ? r.kinds : 'any') === v }, t))))),
    h('div', { style: 'margin-top:0.5rem' },
      toggle('mentorRequired', 'Varje grupp måste ha en mentor'),
      toggle('noRepeatGroupings', 'Upprepa inte tidigare grupperingar'),
      toggle('supportingMentors', 'Mentorer med ledig kapacitet blir stödjande mentorer')),
    h('div', { class: 'grid-2', style: 'margin-top:0.5rem' },
      pairEditor('pin', 'Låsta par', 'ska vara i samma grupp'),
      pairEditor('forbid', 'Förbjudna par', 'får inte mötas (två sökande, eller mentor och sökande)')),
  );
}

// ---- 5. Run ------------------------------------------------------------------------------------
function renderRun(section, resultEl) {
  clear(section, h('h2', { id: 'wb-run-h', style: 'margin-top:0' }, '5. Kör'));
  const runBtn = h('button', { type: 'button', id: 'wb-run', onclick: () => run(resultEl, runBtn) }, 'Kör förslaget');
  section.append(h('div', { class: 'controls' }, runBtn,
    h('span', { class: 'small muted' }, 'Att räkna fram och anta förslag kräver inloggning med fältet ”Token” högst upp på sidan.')));
}

export function buildInstance() {
  const inst = {
    programme: state.programme,
    round: state.round || null,
    applicants: state.applicants.map((a) => ({ id: a.id, ...(a.focus?.length ? { focus: a.focus } : {}), ...(a.delegation?.length ? { delegation: a.delegation } : {}),
      ...(a.wishWith?.length ? { wishWith: a.wishWith } : {}) })),
    weights: { ...state.weights },
    rules: {
      groupSize: state.rules.groupSize,
      county: state.rules.county,
      mentorRequired: state.rules.mentorRequired,
      noRepeatGroupings: state.rules.noRepeatGroupings,
      supportingMentors: state.rules.supportingMentors,
      kinds: state.rules.kinds,
      pin: state.rules.pin ?? [],
      forbid: state.rules.forbid ?? [],
      ...(state.rules.pinMentor ? { pinMentor: state.rules.pinMentor } : {}),
    },
    seed: state.seed,
  };
  if (state.mentors.length) inst.mentors = state.mentors.map((m) => ({ id: m.id, capacity: m.capacity }));
  return inst;
}

async function run(resultEl, button) {
  if (state.applicants.length < 2) {
    clear(resultEl, h('p', { class: 'error', role: 'alert' }, 'Lägg till minst två sökande först.'));
    return;
  }
  button.disabled = true;
  const view = searchProgressView();
  clear(resultEl, view.element);
  try {
    // The search streams its progress (best so far, bound, gap); "Stoppa" keeps the best so far.
    let res = null;
    await streamLines('/api/proposals', {
      body: buildInstance(),
      onLine: (line) => {
        if (line.type === 'run') view.started(line.stop);
        else if (line.type === 'progress') view.update(line);
        else if (line.type === 'result') res = line.proposal;
        else if (line.type === 'error') throw new ApiError(line.message, 0, line.code, line.details);
      },
    });
    if (!res) throw new ApiError('Sökningen avbröts innan den gav något förslag.', 0, 'stream_ended');
    const proposal = res.result ?? res.proposal ?? res;
    lastProposal = { id: res.id, proposal };
    renderProposal(resultEl, res.id, proposal);
    document.getElementById('wb-res-h')?.focus();
  } catch (err) {
    clear(resultEl, errorBox(err, 'Förslaget kunde inte beräknas'));
  } finally {
    button.disabled = false;
  }
}

/** The running search: a bar that fills as the gap between the best proposal and the bound closes. */
function searchProgressView() {
  const bar = h('progress', { id: 'wb-progress', max: 1, value: 0, 'aria-labelledby': 'wb-progress-label' });
  const text = h('p', { id: 'wb-progress-text', class: 'small', role: 'status' }, 'Söker bästa förslaget …');
  let stopPath = null;
  let firstGap = null;
  const stop = h('button', { type: 'button', class: 'secondary', id: 'wb-stop', disabled: true, onclick: async () => {
    stop.disabled = true;
    stop.textContent = 'Stoppar …';
    try {
      await api(stopPath, { method: 'POST' });
    } catch (err) {
      element.append(errorBox(err, 'Sökningen kunde inte stoppas'));
    }
  } }, 'Stoppa och använd bästa hittills');
  const element = h('div', { class: 'panel', id: 'wb-search' },
    h('p', { id: 'wb-progress-label' }, h('strong', {}, 'Sökningen pågår. '), 'Stapeln fylls när gapet mellan bästa förslaget hittills och den övre gränsen krymper.'),
    bar, text, stop);
  return {
    element,
    started(path) {
      stopPath = path;
      stop.disabled = false;
    },
    update(p) {
      const relGap = p.gap !== null && p.bound !== null ? p.gap / Math.max(1e-9, Math.abs(p.bound)) : null;
      if (relGap !== null && firstGap === null) firstGap = Math.max(relGap, 1e-9);
      bar.value = relGap === null || firstGap === null ? 0 : Math.max(0, Math.min(1, 1 - relGap / firstGap));
      const parts = [`bästa hittills ${fmtNum(p.best, 3)}`];
      if (p.bound !== null) parts.push(`övre gräns ${fmtNum(p.bound, 3)}`, `gap ${fmtNum((relGap ?? 0) * 100, 2)}\u00a0%`);
      parts.push(plural(p.nodes, 'nod', 'noder'), `${fmtNum(p.elapsedMs / 1000, 1)}\u00a0s`);
      text.textContent = `${parts.join(' · ')}`;
    },
  };
}

// ---- Result ------------------------------------------------------------------------------------
/** How the proposal was computed, in plain words (shown under "Teknisk information"). */
const METHOD_SV = {
  'branch-and-bound': 'systematisk sökning som stryker hela grenar av indelningar som inte kan bli bättre än den bästa som redan hittats (gren och gräns)',
  'local-search': 'stegvis förbättring av en indelning genom att byta plats på deltagare (lokal sökning)',
};

export function optimalityText(opt) {
  if (!opt) return { text: 'okänd', cls: '' };
  if (opt.status === 'proven-optimal') return { text: 'Bevisat optimalt: ingen annan indelning enligt reglerna ger högre målvärde.', cls: 'proven' };
  const why = reasonSv(opt.reason ?? '');
  return {
    text: `Inte bevisat optimalt: beräkningen hann inte pröva alla indelningar. En bättre indelning kan som mest ge ${fmtNum(opt.gap, 3)} högre målvärde (${fmtNum((opt.relativeGap ?? 0) * 100, 1)}\u00a0%).`,
    cls: 'heuristic',
    tech: `Bästa kända övre gräns för målvärdet: ${fmtNum(opt.bound, 3)}.${why ? ` ${why[0].toUpperCase()}${why.slice(1)}.` : ''}`,
  };
}

/** Penalised groups as "grupp 2", penalised applicants by name. */
function penaltyIds(p, x) {
  if (x.kind === 'unmentored-group') return x.ids.map((g) => `grupp ${String(g).replace(/^g/, '')}`).join(', ');
  return x.ids.map((id) => p.applicants.find((a) => a.id === id)?.name ?? orgOf(id).name).join(', ');
}

function termText(t, name) {
  if (t.kind === 'pair') return `par ${name(t.a)} + ${name(t.b)}: ${fmtNum(t.score, 3)}`;
  if (t.kind === 'mentor') return `mentor ${name(t.mentor)} → ${name(t.applicant)}: ${fmtNum(t.score, 3)}`;
  if (t.kind === 'unmentored-group') return `grupp utan mentor: −${fmtNum(Math.abs(t.value), 3)}`;
  return JSON.stringify(t);
}

function breakdownList(entry) {
  if (!entry) return null;
  return h('ul', { class: 'small' }, Object.entries(entry.breakdown ?? {}).map(([id, c]) =>
    h('li', {}, h('strong', {}, CRITERION_SV[id] ?? id), ` ${fmtNum(c.value, 2)} × vikt ${fmtNum(c.weight, 1)}: ${reasonSv(c.reason)}`)));
}

function groupCard(p, g, index, scoreIndex, changed = false) {
  const name = (id) => p.applicants.find((a) => a.id === id)?.name ?? p.mentors.find((m) => m.id === id)?.name ?? orgOf(id).name;
  return h('article', { class: 'group', dataset: { members: g.members.map((m) => m.id).join(',') }, style: changed ? 'border:2px solid #a04a00' : null },
    h('h4', {}, `Grupp ${index + 1}`, changed ? ' (ändrad)' : '', h('span', { class: 'small muted' }, ` värde ${fmtNum(g.value, 3)}`)),
    h('p', { style: 'margin:0.2rem 0' }, h('strong', {}, 'Deltagare: '), g.members.map((m, i) => [i ? ', ' : '', orgLink(m)])),
    h('p', { style: 'margin:0.2rem 0' }, h('strong', {}, 'Mentor: '), g.mentor ? orgLink(g.mentor) : h('span', { class: 'muted' }, 'ingen'),
      g.supportingMentors?.length ? [' med stöd av ', g.supportingMentors.map((m, i) => [i ? ', ' : '', orgLink(m)])] : ''),
    g.reasons?.length ? h('div', {}, h('strong', { class: 'small' }, 'Främsta skäl:'), h('ul', { class: 'small' }, g.reasons.map((r) => h('li', {}, reasonSv(r))))) : null,
    h('details', {}, h('summary', { class: 'small' }, 'Alla termer med poäng och skäl'),
      h('ul', { class: 'small' }, g.terms.map((t) => h('li', {}, termText(t, name),
        t.kind === 'pair' ? breakdownList(scoreIndex.pair(t.a, t.b)) : t.kind === 'mentor' ? breakdownList(scoreIndex.mentor(t.mentor, t.applicant)) : null)))));
}

function indexScores(p) {
  const pairs = new Map((p.scores?.applicantPairs ?? []).map((s) => [[s.a, s.b].sort().join('|'), s]));
  const mentors = new Map((p.scores?.mentorApplicant ?? []).map((s) => [`${s.mentor}|${s.applicant}`, s]));
  return { pair: (a, b) => pairs.get([a, b].sort().join('|')), mentor: (m, a) => mentors.get(`${m}|${a}`) };
}

const groupKey = (g) => `${g.members.map((m) => m.id).sort().join('+')}@${g.mentor?.id ?? '-'}`;

function renderProposal(el, id, p) {
  const opt = optimalityText(p.optimality);
  const scoreIndex = indexScores(p);
  const alternativesBox = h('div', { id: 'wb-alternatives', 'aria-live': 'polite' });
  const whatIfBox = h('div', { id: 'wb-whatif-result', 'aria-live': 'polite' });
  const acceptBox = h('div', { id: 'wb-accept-result', 'aria-live': 'polite' });
  clear(el,
    h('h2', { id: 'wb-res-h', tabindex: -1 }, `Förslag${p.round ? ` för ${p.round}` : ''}`),
    h('p', { class: `optimality ${opt.cls}`, id: 'wb-optimality' }, opt.text),
    h('p', {}, h('strong', {}, 'Målvärde: '), fmtNum(p.objective, 3), h('span', { class: 'small muted' }, ` – ${plural(p.groups.length, 'grupp', 'grupper')}, ${fmtInt(p.unplaced.length)} ${pluralWord(p.unplaced.length, 'oplacerad', 'oplacerade')}, mentorer: ${p.mentorSource === 'default' ? 'de som står i tur' : 'de valda'}`)),
    id ? h('p', { class: 'tabs-row' }, downloadLinks(`/api/proposals/${encodeURIComponent(id)}`, {}, 'förslaget', { csv: false })) : null,
    h('details', { class: 'small tech-info', id: 'wb-tech' }, h('summary', {}, 'Teknisk information'),
      h('ul', {},
        h('li', {}, `Beräkningsmetod: ${METHOD_SV[p.solver?.method] ?? labelSv(p.solver?.method ?? '?')}.`),
        h('li', {}, `Beräkningen prövade ${plural(p.solver?.nodes ?? 0, 'delproblem', 'delproblem')} innan den var klar.`),
        h('li', {}, `En första snabb indelning (varje steg tar det bästa paret för stunden) gav målvärdet ${fmtNum(p.solver?.greedyObjective, 3)}; den användes som startpunkt.`),
        opt.tech ? h('li', {}, opt.tech) : null,
        id ? h('li', {}, `Förslagets id: ${id}.`) : null)),
    h('details', { class: 'small' }, h('summary', {}, 'Målfunktionen'), h('p', {}, reasonSv(p.objectiveFunction)),
      h('p', {}, `Straff: grupp utan mentor ${fmtNum(p.penalties?.unmentoredGroup, 1)}, oplacerad sökande ${fmtNum(p.penalties?.unplacedApplicant, 1)}.`),
      p.penaltiesApplied?.length ? h('ul', {}, p.penaltiesApplied.map((x) => h('li', {}, `${labelSv(x.kind)}: ${penaltyIds(p, x)} (−${fmtNum(Math.abs(x.value), 3)})`))) : h('p', {}, 'Inga straff tillämpade.')),
    h('div', { class: 'groups', id: 'wb-groups' }, p.groups.map((g, i) => groupCard(p, g, i, scoreIndex))),
    p.unplaced.length ? h('div', {}, h('h3', {}, 'Oplacerade'), h('ul', {}, p.unplaced.map((u) => h('li', {}, orgLink(u), `: ${reasonSv(u.reason)}`)))) : null,
    p.mentors?.length ? h('p', { class: 'small' }, h('strong', {}, 'Mentorernas beläggning: '), p.mentors.map((m, i) => [i ? ', ' : '', `${m.name} ${m.used}/${m.capacity}`])) : null,
    id ? actionsPanel(id, p, alternativesBox, whatIfBox, acceptBox) : h('p', { class: 'small muted' }, 'Förslaget har inget id; alternativ, tänk om och anta kräver ett sparat förslag.'),
  );
}

function actionsPanel(id, p, alternativesBox, whatIfBox, acceptBox) {
  const ids = p.applicants.map((a) => a.id);
  const name = (x) => p.applicants.find((a) => a.id === x)?.name ?? p.mentors.find((m) => m.id === x)?.name ?? orgOf(x).name;
  const altBtn = h('button', { type: 'button', class: 'secondary', id: 'wb-alt-btn', onclick: async () => {
    altBtn.disabled = true;
    clear(alternativesBox, loading('Beräknar alternativ …'));
    try {
      const res = await api(`/api/proposals/${encodeURIComponent(id)}/alternatives`);
      renderAlternatives(alternativesBox, p, res);
    } catch (err) {
      clear(alternativesBox, errorBox(err, 'Alternativen kunde inte hämtas'));
    } finally { altBtn.disabled = false; }
  } }, 'Jämför alternativ');
  const a = h('select', { id: 'wb-wi-a' }, ids.map((x) => h('option', { value: x }, name(x))));
  const b = h('select', { id: 'wb-wi-b' }, ids.map((x, i) => h('option', { value: x, selected: i === 1 }, name(x))));
  const mode = h('select', { id: 'wb-wi-mode' }, h('option', { value: 'force' }, 'grupperades tillsammans'), h('option', { value: 'forbid' }, 'hölls isär'));
  const wiBtn = h('button', { type: 'button', class: 'secondary', id: 'wb-wi-btn', onclick: async () => {
    if (a.value === b.value) { clear(whatIfBox, h('p', { class: 'error', role: 'alert' }, 'Välj två olika sökande.')); return; }
    wiBtn.disabled = true;
    clear(whatIfBox, loading('Räknar …'));
    try {
      const res = await api(`/api/proposals/${encodeURIComponent(id)}/what-if`, { method: 'POST', body: { [mode.value]: [a.value, b.value] } });
      renderWhatIf(whatIfBox, p, res, `${name(a.value)} och ${name(b.value)} ${mode.value === 'force' ? 'grupperades tillsammans' : 'hölls isär'}`);
    } catch (err) {
      clear(whatIfBox, errorBox(err, 'Tänk om-frågan misslyckades'));
    } finally { wiBtn.disabled = false; }
  } }, 'Räkna');
  const { form: acceptForm, open: openAccept } = acceptControls(id, p, acceptBox);
  const acceptBtn = h('button', { type: 'button', id: 'wb-accept', onclick: openAccept }, 'Anta förslaget som omgång …');
  const sensBox = h('div', { id: 'wb-sensitivity', 'aria-live': 'polite' });
  const sensBtn = h('button', { type: 'button', class: 'secondary', id: 'wb-sens-btn', onclick: async () => {
    sensBtn.disabled = true;
    clear(sensBox, loading('Räknar om med varje vikt ±25 % …'));
    try {
      const res = await api(`/api/proposals/${encodeURIComponent(id)}/sensitivity`);
      const moved = (res.entries ?? []).filter((e) => e.changed);
      clear(sensBox,
        h('p', {}, res.stable?.length ? `Stabilt när vikten för ${res.stable.map((c) => CRITERION_SV[c] ?? c).join(', ')} ändras ±25 %.` : 'Ingen vikt kan ändras ±25 % utan att någon grupp ändras.'),
        moved.length ? h('ul', {}, moved.map((e) => h('li', {},
          `${CRITERION_SV[e.criterion] ?? e.criterion} × ${fmtNum(e.factor, 2)} (vikt ${fmtNum(e.weight, 2)}): målvärde ${fmtNum(e.objective, 3)}`,
          changesList(e.changedGroups, name)))) : null);
    } catch (err) {
      clear(sensBox, errorBox(err, 'Känsligheten kunde inte beräknas'));
    } finally { sensBtn.disabled = false; }
  } }, 'Hur känsligt är förslaget för vikterna?');
  return h('div', {},
    h('section', { class: 'panel', 'aria-labelledby': 'wb-alt-h' }, h('h3', { id: 'wb-alt-h', style: 'margin-top:0' }, 'Alternativ'),
      h('p', { class: 'small muted' }, 'De näst bästa indelningarna och hur mycket sämre de är.'), altBtn, alternativesBox,
      h('h3', {}, 'Känslighet'), h('p', { class: 'small muted' }, 'Vilka grupper ändras om en vikt flyttas 25 % upp eller ner?'), sensBtn, sensBox),
    h('section', { class: 'panel', 'aria-labelledby': 'wb-wi-h' }, h('h3', { id: 'wb-wi-h', style: 'margin-top:0' }, 'Tänk om …'),
      h('div', { class: 'controls' },
        h('div', { class: 'field' }, h('label', { for: 'wb-wi-a' }, 'Sökande'), a),
        h('div', { class: 'field' }, h('label', { for: 'wb-wi-b' }, 'och'), b),
        h('div', { class: 'field' }, h('label', { for: 'wb-wi-mode' }, 'om de …'), mode), wiBtn), whatIfBox),
    h('section', { class: 'panel', 'aria-labelledby': 'wb-acc-h' }, h('h3', { id: 'wb-acc-h', style: 'margin-top:0' }, 'Anta'),
      h('p', { class: 'small muted' }, 'Skriver omgången som planerad, med deltagare, grupper och mentorer, i en transaktion. Den räknas i spridningen först när den har startat. Du får se vad som skrivs innan något skickas. Kräver inloggning (fältet ”Token” högst upp på sidan).'),
      acceptForm, acceptBtn, acceptBox));
}

/**
 * Accepting: the start month, the round's label and whether it replaces an earlier plan, then a
 * confirmation dialog listing what will be written (groups, mentors, unplaced, start month), with
 * an explicit tick for unplaced applicants and unmentored groups. Nothing is sent before "Skriv".
 */
function acceptControls(id, p, acceptBox) {
  const startInput = h('input', { id: 'wb-accept-start', type: 'month', required: true, min: '2015-01', max: '2100-12', placeholder: 'ÅÅÅÅ-MM' });
  const labelInput = h('input', { id: 'wb-accept-label', type: 'text', maxlength: 120, value: p.round ?? '', placeholder: 't.ex. Västmanland 2026' });
  const replaceBox = h('input', { id: 'wb-accept-replace', type: 'checkbox' });
  const form = h('div', { class: 'controls' },
    h('div', { class: 'field' }, h('label', { for: 'wb-accept-start' }, 'Startmånad (krävs)'), startInput),
    h('div', { class: 'field' }, h('label', { for: 'wb-accept-label' }, 'Omgångens namn'), labelInput),
    h('label', { class: 'field inline' }, replaceBox, ' Ersätter en tidigare antagen plan med samma namn'));
  const unmentored = p.groups.filter((g) => !g.mentor);

  const open = () => {
    const start = startInput.value.trim();
    const label = labelInput.value.trim();
    if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(start)) {
      clear(acceptBox, h('p', { class: 'error', role: 'alert' }, 'Ange startmånad (ÅÅÅÅ-MM) innan förslaget antas.'));
      startInput.focus();
      return;
    }
    if (!label) {
      clear(acceptBox, h('p', { class: 'error', role: 'alert' }, 'Ge omgången ett namn innan förslaget antas.'));
      labelInput.focus();
      return;
    }
    clear(acceptBox);
    const ackUnplaced = h('input', { type: 'checkbox', id: 'wb-ack-unplaced' });
    const ackUnmentored = h('input', { type: 'checkbox', id: 'wb-ack-unmentored' });
    const ok = h('button', { type: 'button', id: 'wb-confirm-ok' }, 'Skriv omgången');
    const cancel = h('button', { type: 'button', class: 'secondary', id: 'wb-confirm-cancel' }, 'Avbryt');
    const problem = h('div', { class: 'error', role: 'alert', hidden: true });
    const dialog = h('dialog', { class: 'confirm', id: 'wb-confirm', 'aria-labelledby': 'wb-confirm-h' },
      h('h2', { id: 'wb-confirm-h', style: 'margin-top:0' }, 'Detta skrivs'),
      h('dl', { class: 'small' },
        h('dt', {}, 'Omgång'), h('dd', { id: 'wb-confirm-label' }, `${label} (${p.programme}), planerad`),
        h('dt', {}, 'Startmånad'), h('dd', { id: 'wb-confirm-start' }, start),
        replaceBox.checked ? [h('dt', {}, 'Ersätter'), h('dd', {}, 'en tidigare antagen plan med samma namn; den markeras som ersatt')] : null),
      p.groups.length
        ? [h('h3', {}, plural(p.groups.length, 'grupp', 'grupper')),
            h('ul', { id: 'wb-confirm-groups' }, p.groups.map((g) => h('li', {}, g.members.map((m) => m.name).join(', '), ' – ',
              g.mentor ? `mentor ${g.mentor.name}${g.supportingMentors?.length ? ` med stöd av ${g.supportingMentors.map((x) => x.name).join(', ')}` : ''}` : h('strong', {}, 'ingen mentor'))))]
        : h('p', { class: 'error', id: 'wb-confirm-empty' }, 'Förslaget har ingen grupp. En tom omgång kan inte antas; ändra indata och beräkna på nytt.'),
      p.unplaced.length
        ? [h('h3', {}, `Oplacerade (skrivs inte in): ${plural(p.unplaced.length, 'sökande', 'sökande')}`),
            h('ul', { id: 'wb-confirm-unplaced' }, p.unplaced.map((u) => h('li', {}, u.name))),
            h('label', { class: 'field inline' }, ackUnplaced, ` Jag vet att ${plural(p.unplaced.length, 'sökande', 'sökande')} blir utan grupp`)]
        : h('p', { class: 'small' }, 'Alla sökande får en grupp.'),
      unmentored.length
        ? h('label', { class: 'field inline' }, ackUnmentored, ` Jag vet att ${plural(unmentored.length, 'grupp', 'grupper')} saknar mentor`)
        : null,
      problem,
      h('div', { class: 'controls' }, ok, cancel));
    const close = () => { dialog.close(); dialog.remove(); document.getElementById('wb-accept')?.focus(); };
    cancel.addEventListener('click', close);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
    ok.disabled = p.groups.length === 0;
    ok.addEventListener('click', async () => {
      if (p.unplaced.length && !ackUnplaced.checked) { problem.hidden = false; problem.textContent = 'Bekräfta att de oplacerade sökande inte skrivs in.'; ackUnplaced.focus(); return; }
      if (unmentored.length && !ackUnmentored.checked) { problem.hidden = false; problem.textContent = 'Bekräfta att grupper saknar mentor.'; ackUnmentored.focus(); return; }
      ok.disabled = true;
      problem.hidden = true;
      try {
        const body = { start, label, acknowledgeUnplaced: ackUnplaced.checked, acknowledgeUnmentored: ackUnmentored.checked, ...(replaceBox.checked ? { replace: true } : {}), ...preparingAcceptFields() };
        const res = await api(`/api/proposals/${encodeURIComponent(id)}/accept`, { method: 'POST', body });
        const round = res.round ?? res;
        close();
        const treeLink = `#/trad${qs({ program: round.programmeId ?? p.programme, planerade: '1' })}`;
        clear(acceptBox, h('div', { class: 'success', role: 'status' },
          res.created === false ? `Förslaget var redan antaget som omgången ${round.label ?? round.id} (id ${round.id}). ` : `Förslaget är antaget som den planerade omgången ${round.label ?? round.id} (id ${round.id}), start ${round.start}. `,
          h('a', { href: treeLink }, 'Se den i spridningsträdet'), ' · ',
          h('a', { href: `#/spridning${qs({ program: round.programmeId ?? p.programme, planerade: '1' })}` }, 'i spridningen')));
      } catch (err) {
        ok.disabled = false;
        problem.hidden = false;
        // The API answers in English; say in Swedish what to do for the refusals an accept can meet.
        const advice = {
          conflict: 'En omgång med samma namn finns redan. Välj ett annat namn, eller bocka i ”Ersätter en tidigare antagen plan” om den omgången bara är planerad.',
          unprocessable: 'Förslaget kan inte antas som det står: se vad som saknas nedan.',
          invalid_input: 'Något av fälten är fel ifyllt, till exempel en startmånad före föregående omgångs start.',
        }[err?.code];
        clear(problem, advice ? h('p', { style: 'margin-top:0' }, advice) : null, errorBox(err, 'Förslaget kunde inte antas'));
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    (p.groups.length ? ok : cancel).focus();
  };
  return { form, open };
}

function proposalOf(x) {
  return x?.result ?? x?.proposal ?? x;
}

/** Group changes as the API lists them: member ids, then "mentor:<id>" or "no mentor". */
function changeText(ids, name) {
  const members = ids.filter((x) => !x.startsWith('mentor:') && x !== 'no mentor').map(name).join(' + ');
  const mentor = ids.find((x) => x.startsWith('mentor:'));
  return `${members}${mentor ? `, mentor ${name(mentor.slice(7))}` : ', ingen mentor'}`;
}

function changesList(changed, name) {
  if (!changed || (!changed.removed?.length && !changed.added?.length)) return h('p', { class: 'small' }, 'Inga grupper ändras.');
  return h('div', { class: 'grid-2 small' },
    h('div', {}, h('strong', {}, 'Försvinner:'), h('ul', {}, (changed.removed ?? []).map((g) => h('li', {}, changeText(g, name))))),
    h('div', {}, h('strong', {}, 'Tillkommer:'), h('ul', {}, (changed.added ?? []).map((g) => h('li', {}, changeText(g, name))))));
}

const deltaText = (d) => (d === null || d === undefined ? '–' : d === 0 ? '±0' : `${d > 0 ? '+' : '−'}${fmtNum(Math.abs(d), 3)}`);

function renderAlternatives(box, current, res) {
  const name = (x) => current.applicants.find((a) => a.id === x)?.name ?? current.mentors.find((m) => m.id === x)?.name ?? orgOf(x).name;
  const list = res.alternatives ?? res.items ?? (Array.isArray(res) ? res : []);
  const others = list.filter((alt) => alt.rank !== 1);
  if (others.length === 0) { clear(box, h('p', {}, 'Inga andra indelningar uppfyller reglerna.')); return; }
  clear(box,
    h('p', { class: 'small' }, res.proven ? 'Alla indelningar som reglerna tillåter har prövats: detta är de bästa.' : 'Beräkningen hann inte pröva alla indelningar: det kan finnas bättre alternativ än de som visas.'),
    h('ol', { class: 'alternatives', start: 2 }, others.map((alt) => {
      const p = proposalOf(alt);
      return h('li', { dataset: { rank: alt.rank } },
        h('p', { style: 'margin:0.3rem 0' }, h('strong', {}, `Alternativ ${alt.rank}: målvärde ${fmtNum(alt.objective ?? p.objective, 3)}`), ` (${deltaText(alt.delta)} mot förslaget)`),
        changesList(alt.changedGroups, name),
        p?.groups ? h('details', {}, h('summary', { class: 'small' }, 'Visa alla grupper i alternativet'),
          h('div', { class: 'groups' }, p.groups.map((g, j) => groupCard({ ...current, ...p }, g, j, indexScores(current))))) : null);
    })));
}

function renderWhatIf(box, current, res, question) {
  const name = (x) => current.applicants.find((a) => a.id === x)?.name ?? current.mentors.find((m) => m.id === x)?.name ?? orgOf(x).name;
  if (res.infeasible) {
    clear(box, h('p', { class: 'error', role: 'alert' }, h('strong', {}, `Om ${question}: `), `inte möjligt enligt reglerna. ${reasonSv(res.infeasible)}`));
    return;
  }
  clear(box,
    h('p', {}, h('strong', {}, `Om ${question}: `), `målvärdet blir ${fmtNum(res.objective, 3)} (${deltaText(res.delta)} mot ${fmtNum(res.baseObjective ?? current.objective, 3)}).`),
    changesList(res.changedGroups, name));
}
