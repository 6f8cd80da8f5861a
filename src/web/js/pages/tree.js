// Spridningsträd: the lineage of a programme drawn with rounds as columns. Each organisation sits
// once, in the round where it first appears (a mentee in the round of its first mentor link, a
// pilot in the first round); every mentor link is an edge, disputed ones dashed and marked "?",
// with their sources on hover (title) and on click or Enter (the panel below the drawing).
// Searching an organisation lists its chains (root → … → it) and its descendants from
// /api/organisations/:id/lineage and highlights them in the drawing. Planned rounds (accepted,
// not started) are drawn only when "Visa planerade omgångar" is ticked, as dashed columns after
// the last round that has taken place, their links dashed too.
import { api, cached, qs } from '../api.js';
import { plural } from '../i18n/plural.js';
import { clear, disputedTag, downloadLinks, errorBox, h, kindSv, loading, orgLink, programmeSelect, quotedEn, roleSv, sourceList, sourceTitle, table, withSourceTitles } from '../ui.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const COL_W = 196;
const ROW_H = 26;
const TOP = 46;
const LEFT = 10;
const LABEL_MAX = 23;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export async function render(root, { params }) {
  const programme = params.program || 'modellkommuner';
  const showPlanned = params.planerade === '1';
  root.append(
    h('h1', {}, 'Spridningsträd'),
    h('p', { class: 'lead' },
      'Vem som har handlett vem. Varje kolumn är en omgång; en organisation står i den omgång där den först deltog. Pilarna går från mentor till deltagare. Klicka på en länk (eller tabba till den och tryck Enter) för att se källorna; klicka på ett namn för organisationens sida.'),
  );
  const controls = h('div', { class: 'panel controls' });
  const statusEl = h('div', { 'aria-live': 'polite' }, loading('Laddar spridningsträdet …'));
  const legend = h('ul', { class: 'legend', 'aria-label': 'Teckenförklaring' },
    h('li', {}, h('span', { class: 'line-sample', 'aria-hidden': 'true' }), 'mentor → deltagare'),
    h('li', {}, h('span', { class: 'line-sample disputed', 'aria-hidden': 'true' }), 'omstridd länk (källorna säger emot varandra), märkt ?'),
    h('li', {}, h('span', { class: 'line-sample support', 'aria-hidden': 'true' }), 'medmentor eller stödjande mentor'),
    h('li', {}, svgDot(true), 'fylld ring: startpunkt (pilot eller mentor utan registrerad egen mentor)'),
    showPlanned ? h('li', { id: 'legend-planned' }, h('span', { class: 'line-sample planned', 'aria-hidden': 'true' }), 'planerad omgång (antagen men inte startad; streckad kolumn märkt ”planerad”, räknas inte som spridning)') : null);
  const figure = h('figure', { style: 'margin:0' });
  const linkPanel = h('div', { id: 'link-details', class: 'panel', 'aria-live': 'polite', hidden: true });
  const searchResult = h('section', { id: 'lineage-result', 'aria-live': 'polite', 'aria-labelledby': 'lineage-result-h' });
  const linkTable = h('details', {});
  root.append(controls, statusEl, searchResult, legend, figure, linkPanel, linkTable);

  let programmes = [];
  try {
    programmes = (await cached('/api/programmes')).items;
  } catch (err) {
    statusEl.replaceChildren(errorBox(err, 'Programmen kunde inte hämtas'));
  }
  const searchId = 'tree-search';
  const searchInput = h('input', { id: searchId, type: 'search', list: 'tree-orgs', placeholder: 't.ex. Botkyrka eller 0127', autocomplete: 'off' });
  const datalist = h('datalist', { id: 'tree-orgs' });
  const form = h('form', { class: 'controls', role: 'search', onsubmit: (e) => { e.preventDefault(); void showLineage(searchInput.value); } },
    h('div', { class: 'field' }, h('label', { for: searchId }, 'Sök organisation (namn eller kod)'), searchInput, datalist),
    h('button', { type: 'submit' }, 'Visa kedjor och efterföljare'),
    h('button', { type: 'button', class: 'secondary', onclick: () => { searchInput.value = ''; clearHighlight(); searchResult.replaceChildren(); setParam('org', null); } }, 'Rensa'));
  const plannedToggle = h('label', { class: 'field inline' },
    h('input', { type: 'checkbox', id: 'tree-planned', checked: showPlanned, onchange: (e) => { location.hash = `#/trad${qs({ program: programme, planerade: e.target.checked ? '1' : undefined })}`; } }),
    ' Visa planerade omgångar');
  controls.append(
    programmes.length ? programmeSelect(programmes, programme, (id) => { location.hash = `#/trad${qs({ program: id, planerade: showPlanned ? '1' : undefined })}`; }, 'tree-programme') : null,
    plannedToggle,
    form);

  let forest;
  try {
    forest = await api(`/api/lineage${qs({ programme, includePlanned: showPlanned ? 'true' : undefined })}`);
  } catch (err) {
    statusEl.replaceChildren(errorBox(err, 'Spridningsträdet kunde inte hämtas'));
    return;
  }
  if (forest.rounds.length === 0) {
    statusEl.replaceChildren(h('p', {}, 'Programmet har inga registrerade omgångar ännu, så det finns inget träd att visa.'));
    legend.hidden = true;
    return;
  }
  // Where organisations without a mentor link first took part comes from the round descriptions.
  const firstRoundOf = new Map();
  const descriptions = await Promise.allSettled(forest.rounds.map((r) => api(`/api/rounds/${encodeURIComponent(r.id)}`)));
  descriptions.forEach((d, i) => {
    if (d.status !== 'fulfilled') return;
    for (const p of d.value.participants ?? []) if (!firstRoundOf.has(p.organisation.id)) firstRoundOf.set(p.organisation.id, { roundId: forest.rounds[i].id, role: p.role });
  });
  const failed = descriptions.filter((d) => d.status === 'rejected');
  const drawing = layoutForest(forest, firstRoundOf);
  const plannedCount = forest.rounds.filter((r) => r.state === 'planned').length;
  statusEl.replaceChildren(h('p', { class: 'small muted' },
    `${plural(forest.rounds.length - plannedCount, 'omgång', 'omgångar')} som har ägt rum, ${plural(drawing.nodes.length, 'organisation', 'organisationer')} i trädet, ${plural(forest.links.length, 'mentorlänk', 'mentorlänkar')} varav ${plural(forest.links.filter((l) => l.disputed).length, 'omstridd', 'omstridda')}.`,
    showPlanned ? (plannedCount ? ` Dessutom ${plural(plannedCount, 'planerad omgång', 'planerade omgångar')}, ritade streckade längst till höger.` : ' Inga planerade omgångar finns.') : '',
    forest.truncated ? ' Trädet är avkortat (för många organisationer att rita).' : '',
    failed.length ? ` ${plural(failed.length, 'omgångsbeskrivning', 'omgångsbeskrivningar')} kunde inte hämtas; deltagare utan mentorlänk listas under trädet.` : ''));
  for (const n of drawing.nodes) datalist.append(h('option', { value: n.org.name }, `${n.org.name} (${kindSv(n.org.kind)})`));

  const { svg, drawLinks } = drawSvg(drawing, (link, el) => showLink(link, el));
  figure.append(h('div', { class: 'tree-scroll' }, svg),
    h('figcaption', { class: 'small muted' }, 'Spridningsträdet: kolumner är omgångar, linjer är mentorskap. Samma uppgifter finns som tabell under ritningen.'));
  drawLinks();
  if (forest.unattached.length) {
    figure.append(h('p', { class: 'small' }, h('strong', {}, 'Deltog utan registrerad mentorlänk (står i sin omgång utan linje): '),
      forest.unattached.map((o, i) => [i ? ', ' : '', orgLink(o)])));
  }

  const roundsBox = h('details', { id: 'tree-rounds' }, h('summary', {}, 'Omgångarna: grupper och kohorter'));
  const sourcesById = new Map((await cached('/api/sources').catch(() => ({ items: [] }))).items.map((x) => [x.id, x]));
  descriptions.forEach((d) => {
    if (d.status !== 'fulfilled') return;
    roundsBox.append(roundSummary(d.value, sourcesById));
  });
  linkTable.before(roundsBox);
  linkTable.append(h('summary', {}, `Alla mentorlänkar som tabell (${forest.links.length})`),
    table([
      { label: 'Omgång', value: (l) => l.roundLabel },
      { label: 'Mentor', value: (l) => orgLink(drawing.orgs.get(l.mentorId) ?? { id: l.mentorId, name: l.mentorId }) },
      { label: 'Deltagare', value: (l) => orgLink(drawing.orgs.get(l.menteeId) ?? { id: l.menteeId, name: l.menteeId }) },
      { label: 'Roll', value: (l) => roleSv(l.role) },
      { label: 'Status', value: (l) => (l.disputed ? disputedTag() : 'styrkt') },
      { label: 'Källor', value: (l) => l.sources.map(sourceTitle).join('; ') },
    ], forest.links));

  function showLink(link, el) {
    for (const other of svg.querySelectorAll('.link.selected')) other.classList.remove('selected');
    el.classList.add('selected');
    const mentor = drawing.orgs.get(link.mentorId) ?? { id: link.mentorId, name: link.mentorId };
    const mentee = drawing.orgs.get(link.menteeId) ?? { id: link.menteeId, name: link.menteeId };
    linkPanel.hidden = false;
    const conflictsBox = h('div', {});
    const heading = h('h2', { style: 'margin-top:0', tabindex: -1 }, `${mentor.name} → ${mentee.name}, ${link.roundLabel}`);
    clear(linkPanel,
      heading,
      h('p', {}, `Roll: ${roleSv(link.role)}. `, link.disputed ? [disputedTag(), ' Källorna säger emot varandra om denna länk. Båda uppgifterna behålls och visas med sina källor.'] : 'Länken är inte omstridd.'),
      h('h3', {}, 'Källor för länken'), sourceList(link.sources),
      conflictsBox,
      h('button', { type: 'button', class: 'secondary small', onclick: () => { linkPanel.hidden = true; el.classList.remove('selected'); el.focus(); } }, 'Stäng'));
    heading.focus({ preventScroll: true });
    linkPanel.scrollIntoView({ block: 'nearest' });
    if (link.conflicts.length) {
      conflictsBox.append(loading('Hämtar vad källorna säger …'));
      cached('/api/conflicts').then((res) => {
        const found = res.items.filter((c) => link.conflicts.includes(c.id));
        clear(conflictsBox, found.map((c) => h('div', { class: 'conflict', dataset: { conflict: c.id } },
          h('h3', {}, 'Vad källorna säger'),
          h('p', { class: 'small' }, c.aboutSv ? h('strong', {}, c.aboutSv) : quotedEn(c.about, 'Frågan som den står i underlaget (på engelska): ')),
          h('ul', {}, c.statements.map((st) => h('li', {}, st.saysSv ? `”${st.saysSv}”` : h('span', { lang: 'en' }, `”${st.says}”`), ' ', h('span', { class: 'small muted' }, `(${st.sources.map(sourceTitle).join('; ')})`)))))));
      }).catch((err) => clear(conflictsBox, errorBox(err, 'Konflikten kunde inte hämtas')));
    }
  }

  function clearHighlight() {
    svg.classList.remove('dim');
    for (const el of svg.querySelectorAll('.hl')) el.classList.remove('hl');
  }

  async function showLineage(text) {
    const query = text.trim();
    if (!query) return;
    searchResult.replaceChildren(loading(`Söker ${query} …`));
    let org = findOrg(drawing, query);
    try {
      if (!org) {
        const found = await api(`/api/organisations${qs({ q: query, limit: 1 })}`);
        org = found.items[0];
        if (!org) {
          searchResult.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Ingen organisation matchar ”${query}”.`));
          return;
        }
      }
      const trace = await api(`/api/organisations/${encodeURIComponent(org.id)}/lineage${qs({ programme, includePlanned: showPlanned ? 'true' : undefined })}`);
      setParam('org', org.id);
      renderTrace(trace);
    } catch (err) {
      searchResult.replaceChildren(errorBox(err, 'Linjen kunde inte hämtas'));
    }
  }

  function renderTrace(trace) {
    const me = trace.organisation;
    const chains = trace.chains;
    clear(searchResult,
      h('h2', { id: 'lineage-result-h' }, 'Linje för ', orgLink(me)),
      h('h3', {}, `Kedjor fram till ${me.name}`),
      chains.length === 1 && chains[0].links.length === 0
        ? h('p', {}, `${me.name} har ingen registrerad mentor i programmet.`)
        : h('ol', { class: 'chains', id: 'chains' }, chains.map((c) => chainItem(c))),
      trace.chainsTruncated ? h('p', { class: 'small' }, 'Fler kedjor finns än som visas.') : null,
      h('h3', {}, `Efterföljare till ${me.name}`),
      trace.descendants.length ? descendantList(trace.descendants) : h('p', {}, `${me.name} har inte handlett någon i programmet (ännu).`),
    );
    // Highlight every organisation and link of the chains and descendants.
    const ids = new Set([me.id]);
    const linkKeys = new Set();
    for (const c of chains) {
      for (const o of c.organisations) ids.add(o.id);
      for (const l of c.links) linkKeys.add(linkKey(l));
    }
    const walk = (nodes) => { for (const n of nodes) { ids.add(n.organisation.id); linkKeys.add(linkKey(n.link)); walk(n.children); } };
    walk(trace.descendants);
    clearHighlight();
    svg.classList.add('dim');
    for (const el of svg.querySelectorAll('.node')) if (ids.has(el.dataset.id)) el.classList.add('hl');
    for (const el of svg.querySelectorAll('.link')) if (linkKeys.has(el.dataset.key)) el.classList.add('hl');
  }

  if (params.org) {
    searchInput.value = drawing.orgs.get(params.org)?.name ?? params.org;
    await showLineage(params.org);
  }
}

/** One round's benchmarking groups and cohorts (mentor → mentees), disputed facts marked. */
function roundSummary(desc, sourcesById) {
  const names = (list) => list.map((m, i) => [i ? ', ' : '', orgLink(m.organisation ?? m), m.disputed ? [' ', disputedTag()] : '']);
  return h('section', { class: 'panel', 'aria-label': `Omgång ${desc.round.label}` },
    h('h3', { style: 'margin-top:0' }, `${desc.round.label}`, h('span', { class: 'small muted' }, ` ${plural(new Set(desc.participants.map((x) => x.organisation.id)).size, 'organisation', 'organisationer')} (deltagare och mentorer)`)),
    desc.round.notesSv ? h('p', { class: 'small' }, withSourceTitles(desc.round.notesSv, sourcesById))
      : desc.round.notes ? h('p', { class: 'small' }, quotedEn(desc.round.notes, 'Anteckning i underlaget (på engelska): ')) : null,
    h('p', { class: 'tabs-row' }, downloadLinks(`/api/rounds/${encodeURIComponent(desc.round.id)}`, {}, 'omgången', { csv: false })),
    h('div', { class: 'grid-2' },
      h('div', {}, h('strong', {}, 'Benchmarkinggrupper'),
        desc.groups.length ? h('ul', { class: 'small' }, desc.groups.map((g) => h('li', {}, g.members.map((m, i) => [i ? ', ' : '', orgLink(m)]),
          g.theme ? ` – ${g.theme}` : '', g.disputed ? [' ', disputedTag()] : ''))) : h('p', { class: 'small' }, 'Inga grupper registrerade.')),
      h('div', {}, h('strong', {}, 'Kohorter (mentor → deltagare)'),
        desc.cohorts.length ? h('ul', { class: 'small' }, desc.cohorts.map((c) => h('li', {},
          c.mentor ? names([c.mentor]) : h('span', { class: 'muted' }, 'utan angiven mentor'),
          c.coMentors.length ? [' med ', names(c.coMentors)] : '',
          c.supportingMentors.length ? [' med stöd av ', names(c.supportingMentors)] : '',
          ' → ', names(c.mentees)))) : h('p', { class: 'small' }, 'Inga mentorskap registrerade.'))));
}

function setParam(name, value) {
  const [path, query = ''] = location.hash.split('?');
  const search = new URLSearchParams(query);
  if (value) search.set(name, value); else search.delete(name);
  const q = search.toString();
  history.replaceState(null, '', `${path}${q ? `?${q}` : ''}`);
}

function findOrg(drawing, query) {
  const q = query.toLocaleLowerCase('sv');
  if (drawing.orgs.has(query)) return drawing.orgs.get(query);
  return [...drawing.orgs.values()].find((o) => o.name.toLocaleLowerCase('sv') === q || `${o.name} (${o.id})`.toLocaleLowerCase('sv') === q) ?? null;
}

const linkKey = (l) => `${l.roundId}|${l.mentorId}|${l.menteeId}|${l.role}`;

function chainItem(chain) {
  const parts = [];
  chain.organisations.forEach((o, i) => {
    if (i > 0) {
      const l = chain.links[i - 1];
      parts.push(' ', h('span', {
        class: `chain-link${l.disputed ? ' disputed' : ''}`,
        dataset: { round: l.roundId, disputed: String(l.disputed) },
        title: `Källor: ${l.sources.map(sourceTitle).join('; ')}`,
      }, `→ (${l.roundLabel}${l.role !== 'mentor' ? `, ${roleSv(l.role)}` : ''}${l.disputed ? ', omstridd' : ''}) →`), ' ');
    }
    parts.push(h('span', { class: 'chain-org' }, orgLink(o)));
  });
  return h('li', { class: chain.disputed ? 'chain disputed' : 'chain', dataset: { path: chain.organisations.map((o) => o.name).join(' → ') } },
    parts, chain.disputed ? [' ', disputedTag('vilar på omstridd länk')] : null);
}

function descendantList(nodes) {
  return h('ul', { class: 'desc' }, nodes.map((n) => h('li', {},
    orgLink(n.organisation), h('span', { class: 'small muted' }, ` (${n.link.roundLabel}, ${roleSv(n.link.role)})`),
    n.link.disputed ? [' ', disputedTag()] : null,
    n.cycle ? h('span', { class: 'small muted' }, ' – redan med ovan') : null,
    n.children.length ? descendantList(n.children) : null)));
}

/**
 * Places each organisation once, in the round column where it first appears (a mentee in the
 * round of its first mentor link, a pilot in the first round, others from the round descriptions),
 * and orders each column by the mean row of its mentors (a barycentre pass), so most edges run
 * level and few cross. A link into an organisation that already sits in an earlier (or the same)
 * column goes to a "ghost" copy of it in the link's round, so every edge runs forward in time.
 */
export function layoutForest(forest, firstRoundOf = new Map()) {
  // Columns: the rounds that have taken place by start month, then the planned ones (never mixed in).
  const byStart = (a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999') || a.id.localeCompare(b.id);
  const rounds = [...forest.rounds.filter((r) => r.state !== 'planned').sort(byStart), ...forest.rounds.filter((r) => r.state === 'planned').sort(byStart)];
  const roundIndex = new Map(rounds.map((r, i) => [r.id, i]));
  const last = Math.max(0, rounds.length - 1);
  const orgs = new Map();
  const column = new Map();
  const place = (org, col) => {
    orgs.set(org.id, org);
    if (!column.has(org.id) || column.get(org.id) > col) column.set(org.id, Math.min(col, last));
  };
  const visit = (n) => {
    if (n.link) place(n.organisation, roundIndex.get(n.link.roundId) ?? 0);
    for (const c of n.children) visit(c);
  };
  for (const r of forest.roots) {
    orgs.set(r.organisation.id, r.organisation);
    for (const c of r.children) visit(c);
  }
  for (const r of forest.roots) {
    const id = r.organisation.id;
    const first = firstRoundOf.get(id);
    if (r.rootReasons.includes('first_round')) column.set(id, 0);
    else if (first && roundIndex.has(first.roundId)) {
      // A root first seen as a mentor sits in the column before the round it mentors in, so its links run forward.
      const col = roundIndex.get(first.roundId);
      column.set(id, first.role && first.role !== 'participant' ? Math.max(0, col - 1) : col);
    } else if (!column.has(id)) {
      const firstLink = Math.min(...forest.links.filter((l) => l.mentorId === id).map((l) => roundIndex.get(l.roundId) ?? 1));
      column.set(id, Math.max(0, (Number.isFinite(firstLink) ? firstLink : 1) - 1));
    }
  }
  for (const o of forest.unattached) {
    const first = firstRoundOf.get(o.id);
    if (first && roundIndex.has(first.roundId)) place(o, roundIndex.get(first.roundId));
  }
  const nodes = new Map();
  for (const [id, col] of column) nodes.set(id, { key: id, org: orgs.get(id), col, ghost: false });
  const ghost = (id, col, roundLabel) => {
    const key = `${id}@${col}`;
    if (!nodes.has(key)) nodes.set(key, { key, org: orgs.get(id) ?? { id, name: id, kind: 'unknown' }, col, ghost: true, roundLabel });
    return key;
  };
  const targetOf = new Map();
  const sourceOf = new Map();
  const mentorsOf = new Map();
  for (const l of forest.links) {
    const linkCol = roundIndex.get(l.roundId) ?? 0;
    // Every link runs from a mentor node in an earlier column to the mentee's node in the link's
    // own column: where either sits elsewhere, a ghost copy stands in (never a line along a column).
    let from = l.mentorId;
    if ((nodes.get(from)?.col ?? 0) >= linkCol && linkCol > 0) from = ghost(l.mentorId, linkCol - 1, l.roundLabel);
    let key = l.menteeId;
    if ((nodes.get(key)?.col ?? linkCol) !== linkCol) key = ghost(l.menteeId, linkCol, l.roundLabel);
    targetOf.set(linkKey(l), key);
    sourceOf.set(linkKey(l), from);
    mentorsOf.set(key, [...(mentorsOf.get(key) ?? []), from]);
  }
  const cols = rounds.map(() => []);
  for (const n of nodes.values()) cols[n.col]?.push(n.key);
  const row = new Map();
  cols.forEach((keys, c) => {
    const bary = (k) => {
      const ys = (mentorsOf.get(k) ?? []).map((m) => row.get(m)).filter((y) => y !== undefined);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : c === 0 ? 0 : Number.MAX_SAFE_INTEGER;
    };
    const keyOf = new Map(keys.map((k) => [k, bary(k)]));
    keys.sort((a, b) => keyOf.get(a) - keyOf.get(b) || nodes.get(a).org.name.localeCompare(nodes.get(b).org.name, 'sv'));
    // A node sits level with its mentors where the column leaves room, so edges run straight.
    let next = 0;
    for (const k of keys) {
      const want = keyOf.get(k);
      const r = Number.isFinite(want) && want < Number.MAX_SAFE_INTEGER ? Math.max(next, Math.round(want)) : next;
      row.set(k, r);
      nodes.get(k).row = r;
      next = r + 1;
    }
  });
  const roots = new Set(forest.roots.map((r) => r.organisation.id));
  for (const n of nodes.values()) n.root = !n.ghost && roots.has(n.org.id);
  const maxRows = Math.max(1, ...[...nodes.values()].map((n) => n.row + 1));
  const planned = new Set(rounds.filter((r) => r.state === 'planned').map((r) => r.id));
  return {
    rounds, nodes: [...nodes.values()], links: forest.links, orgs,
    targetOf: (l) => targetOf.get(linkKey(l)) ?? l.menteeId,
    sourceOf: (l) => sourceOf.get(linkKey(l)) ?? l.mentorId,
    isPlanned: (l) => planned.has(l.roundId),
    width: LEFT * 2 + rounds.length * COL_W, height: TOP + maxRows * ROW_H + 16,
  };
}

function svgDot(filled) {
  return s('svg', { width: 14, height: 14, 'aria-hidden': 'true' }, s('circle', { cx: 7, cy: 7, r: 5, fill: filled ? '#12507a' : '#fff', stroke: '#12507a', 'stroke-width': 2 }));
}

function drawSvg(d, onLink) {
  const svg = s('svg', { class: 'tree', width: d.width, height: d.height, viewBox: `0 0 ${d.width} ${d.height}`, role: 'group', 'aria-label': 'Spridningsträd med omgångar som kolumner' });
  const x = (col) => LEFT + col * COL_W + 8;
  const y = (row) => TOP + row * ROW_H + 10;
  const bands = s('g', {});
  d.rounds.forEach((r, i) => {
    const planned = r.state === 'planned';
    if (planned) bands.append(s('rect', { class: 'round-band planned', 'data-round': r.id, x: LEFT + i * COL_W + 2, y: 2, width: COL_W - 4, height: d.height - 4 }));
    else if (i % 2 === 0) bands.append(s('rect', { class: 'round-band', x: LEFT + i * COL_W, y: 0, width: COL_W, height: d.height }));
    bands.append(s('text', { class: 'round-label', x: LEFT + i * COL_W + 8, y: 20 }, r.label));
    bands.append(s('text', { class: `round-sub${planned ? ' planned' : ''}`, x: LEFT + i * COL_W + 8, y: 36, 'font-size': 11, fill: '#4a4a4a' },
      planned ? `planerad${r.start ? `, start ${r.start}` : ''}` : r.start ? `start ${r.start}` : ''));
  });
  svg.append(bands);
  const linkLayer = s('g', { class: 'links' });
  const nodeLayer = s('g', { class: 'nodes' });
  svg.append(linkLayer, nodeLayer);
  const pos = new Map();
  for (const n of d.nodes) {
    const label = n.org.name.length > LABEL_MAX ? `${n.org.name.slice(0, LABEL_MAX - 1)}…` : n.org.name;
    const a = s('a', { class: `node${n.root ? ' root' : ''}${n.ghost ? ' ghost' : ''}`, href: `#/organisation/${encodeURIComponent(n.org.id)}`, 'data-id': n.org.id, 'aria-label': `${n.org.name} (${kindSv(n.org.kind)})${n.ghost ? `, igen ${n.roundLabel}` : ''}, öppna organisationens sida` },
      s('title', {}, n.ghost ? `${n.org.name} (${n.org.id}) igen ${n.roundLabel}; står först i den omgång där den först deltog` : `${n.org.name} (${kindSv(n.org.kind)}, ${n.org.id})`),
      s('circle', { cx: x(n.col), cy: y(n.row), r: 5 }),
      s('text', { x: x(n.col) + 10, y: y(n.row) + 4 }, n.ghost ? `${label} ↺` : label));
    nodeLayer.append(a);
    pos.set(n.key, { col: n.col, row: n.row, textEl: a.querySelector('text') });
  }
  // Edges need label widths, which only exist once the SVG is in the document: the caller draws them after inserting it.
  const drawLinks = () => {
    for (const l of d.links) {
      const from = pos.get(d.sourceOf(l));
      const to = pos.get(d.targetOf(l));
      if (!from || !to) continue;
      let width = 0;
      try { width = from.textEl.getComputedTextLength(); } catch { width = 7 * from.textEl.textContent.length; }
      const x1 = from.col < to.col ? x(from.col) + 14 + width : x(from.col) - 6;
      const y1 = y(from.row);
      const x2 = x(to.col) - 7;
      const y2 = y(to.row);
      const mx = x1 < x2 ? (x1 + x2) / 2 : x1 - 60;
      let dPath;
      let mark;
      if (from.col >= to.col) {
        dPath = `M${x1},${y1} C${x1 - 50},${y1} ${x2 - 50},${y2} ${x2},${y2}`;
        mark = [(x1 + x2) / 2 - 50, (y1 + y2) / 2];
      } else if (to.col - from.col >= 2) {
        // Across several columns: run in the gap between two rows, so the line never sits on a label.
        const lane = y1 + (y2 >= y1 ? ROW_H / 2 : -ROW_H / 2);
        const xa = Math.min(x(from.col + 1) - 12, x1 + 40);
        const xb = Math.max(xa, x(to.col) - 95);
        dPath = `M${x1},${y1} C${(x1 + xa) / 2},${y1} ${(x1 + xa) / 2},${lane} ${xa},${lane} L${xb},${lane} C${(xb + x2) / 2},${lane} ${(xb + x2) / 2},${y2} ${x2},${y2}`;
        mark = [(xa + xb) / 2, lane];
      } else {
        dPath = `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
        mark = [mx, (y1 + y2) / 2];
      }
      const mentor = d.orgs.get(l.mentorId)?.name ?? l.mentorId;
      const mentee = d.orgs.get(l.menteeId)?.name ?? l.menteeId;
      const text = `${mentor} → ${mentee}, ${l.roundLabel}${d.isPlanned(l) ? ' (planerad)' : ''}, ${roleSv(l.role)}${l.disputed ? ', omstridd' : ''}. Källor: ${l.sources.map(sourceTitle).join('; ') || 'inga'}`;
      const g = s('g', {
        class: `link role-${l.role}${l.disputed ? ' disputed' : ''}${d.isPlanned(l) ? ' planned' : ''}`,
        tabindex: 0, role: 'button', 'aria-label': text,
        'data-key': linkKey(l), 'data-mentor': l.mentorId, 'data-mentee': l.menteeId, 'data-round': l.roundId, 'data-disputed': String(l.disputed),
      }, s('title', {}, text), s('path', { class: 'hit', d: dPath }), s('path', { class: 'line', d: dPath, 'marker-end': 'url(#arrow)' }));
      if (l.disputed) {
        g.append(s('text', { class: 'mark', x: mark[0] - 3, y: mark[1] - 4 }, '?'));
      }
      g.addEventListener('click', () => onLink(l, g));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onLink(l, g); } });
      linkLayer.append(g);
    }
  };
  svg.prepend(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#5a6b78' }))));
  return { svg, drawLinks };
}
