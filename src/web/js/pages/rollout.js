// Utrullning: the rollout plan as a cascade. The form takes the same fields as POST
// /api/rollout-plans; the answer is shown as a summary (fewest rounds, lower bound, proven or not,
// the plan's value with its bound), a future lineage tree that continues the real one (real mentor
// links solid, planned ones dashed), a map coloured by the round in which each municipality would
// join, the groups per round, and CSV/XLSX downloads of the same plan.
import { api, cached, qs } from '../api.js';
import { plural } from '../i18n/plural.js';
import { clear, errorBox, fmtNum, h, loading, orgLink } from '../ui.js';
import { loadGeo, roundColours } from './spread.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ALREADY = '#5b6770';
const UNREACHABLE = '#c0392b';
const OUTSIDE = '#eeeeee';
const COL_W = 190;
const ROW_H = 24;
const TOP = 44;
const LABEL_MAX = 22;

const COUNTY_SV = { any: 'valfritt län', same: 'samma län', different: 'olika län' };
const UNREACHABLE_SV = {
  'no-mentor': 'ingen mentor som länsregeln tillåter',
  'no-partner': 'ingen att bilda grupp med inom länsregeln',
  'group-sizes': 'gruppstorlekarna räcker inte till alla',
  'max-rounds': 'hinns inte med inom högsta antalet omgångar',
  'not-placed': 'kunde inte placeras i en grupp med mentor',
};

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const short = (name) => (name.length > LABEL_MAX ? `${name.slice(0, LABEL_MAX - 1)}…` : name);
const ids = (text) => text.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

/** The request body from the form's fields (empty fields left out so the API's defaults apply). */
function bodyFrom(f) {
  const body = { target: f.target.value, county: f.county.value, capacity: Number(f.capacity.value) || 1, groupSize: [Number(f.gmin.value) || 2, Number(f.gmax.value) || 3], maxRounds: Number(f.maxRounds.value) || 20 };
  if (f.programme) body.programme = f.programme;
  if (f.maxNew.value.trim()) body.maxNewPerRound = Number(f.maxNew.value);
  if (f.mentors.value.trim()) body.mentors = ids(f.mentors.value);
  if (f.persistent.value.trim()) body.persistentMentors = ids(f.persistent.value);
  return body;
}

export async function render(root, { params }) {
  root.append(
    h('h1', {}, 'Utrullning'),
    h('p', { class: 'lead' },
      'Hur många omgångar behövs minst för att ett län, en kommungrupp eller hela landet ska ha deltagit? Deltagarna i en omgång blir mentorer från nästa omgång. ',
      'Planen visar det minsta antalet omgångar med en undre gräns som bevis, och inom det antalet vem som går med när, i vilken grupp och med vilken mentor. Inget sparas.'),
  );
  const field = (id, label, control, hint) => h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { class: 'small muted', id: `${id}-hint` }, hint) : null);
  const f = {
    programme: params.program || 'modellkommuner',
    target: h('select', { id: 'ro-target' }, h('option', { value: 'all' }, 'Hela landet (alla kommuner)')),
    county: h('select', { id: 'ro-county' }, Object.entries(COUNTY_SV).map(([v, t]) => h('option', { value: v }, t[0].toUpperCase() + t.slice(1)))),
    capacity: h('input', { id: 'ro-capacity', type: 'number', min: 1, max: 10, value: params.capacity ?? 1 }),
    gmin: h('input', { id: 'ro-gmin', type: 'number', min: 2, max: 4, value: 2 }),
    gmax: h('input', { id: 'ro-gmax', type: 'number', min: 2, max: 4, value: 3 }),
    maxNew: h('input', { id: 'ro-maxnew', type: 'number', min: 2, max: 1000, placeholder: 'ingen gräns', value: params.maxNew ?? '' }),
    maxRounds: h('input', { id: 'ro-maxrounds', type: 'number', min: 1, max: 50, value: params.maxRounds ?? 20 }),
    mentors: h('input', { id: 'ro-mentors', type: 'text', placeholder: 'standardmentorerna', value: params.mentors ?? '', 'aria-describedby': 'ro-mentors-hint' }),
    persistent: h('input', { id: 'ro-persistent', type: 'text', placeholder: 'inga', value: params.persistent ?? '', 'aria-describedby': 'ro-persistent-hint' }),
  };
  if (params.county && COUNTY_SV[params.county]) f.county.value = params.county;
  const out = h('div', { id: 'ro-result', 'aria-live': 'polite' });
  const run = h('button', { type: 'submit', id: 'ro-run' }, 'Beräkna plan');
  const form = h('form', { class: 'panel', onsubmit: (e) => { e.preventDefault(); void compute(); } },
    h('div', { class: 'controls' },
      field('ro-target', 'Mål', f.target),
      field('ro-county', 'Länsregel', f.county),
      field('ro-capacity', 'Grupper per mentor och omgång', f.capacity),
      field('ro-gmin', 'Minsta grupp', f.gmin),
      field('ro-gmax', 'Största grupp', f.gmax),
      field('ro-maxnew', 'Högst nya per omgång', f.maxNew),
      field('ro-maxrounds', 'Högst antal omgångar', f.maxRounds)),
    h('div', { class: 'controls' },
      field('ro-mentors', 'Mentorer i omgång 1 (koder)', f.mentors, 'Tomt: de som deltagit och inte var mentorer i senaste omgången.'),
      field('ro-persistent', 'Mentorer i varje omgång (koder)', f.persistent, 'T.ex. 1980, 1982 för Västerås och Fagersta.'),
      run));
  root.append(form, out);

  try {
    const [counties, groups] = await Promise.all([cached('/api/counties'), cached('/api/kommungrupper')]);
    f.target.append(
      h('optgroup', { label: 'Län' }, counties.items.map((c) => h('option', { value: `county:${c.code}` }, c.name))),
      h('optgroup', { label: 'Kommungrupp 2017' }, groups.items.filter((g) => (g.version ?? 2017) === 2017).map((g) => h('option', { value: `kommungrupp:${g.code}` }, `${g.code} ${g.name}`))));
  } catch (err) {
    form.append(errorBox(err, 'Län och kommungrupper kunde inte hämtas'));
  }
  if (params.target) {
    f.target.value = params.target;
    if (f.target.value === params.target) await compute();
  }

  async function compute() {
    run.disabled = true;
    const body = bodyFrom(f);
    clear(out, loading('Beräknar planen …'));
    try {
      const plan = await api('/api/rollout-plans', { method: 'POST', body });
      const targetName = f.target.selectedOptions[0]?.textContent ?? plan.target.spec;
      await showPlan(out, plan, body, targetName, f.programme);
    } catch (err) {
      clear(out, errorBox(err, 'Planen kunde inte beräknas'));
    } finally {
      run.disabled = false;
    }
  }
}

async function showPlan(out, plan, body, targetName, programme) {
  const v = plan.value;
  const remaining = plan.target.ids.length - plan.alreadyReached.length;
  const summary = h('section', { class: 'panel', 'aria-labelledby': 'ro-sum-h' },
    h('h2', { id: 'ro-sum-h', style: 'margin-top:0' }, 'Planen i korthet'),
    h('p', {}, h('strong', {}, targetName), `: ${plural(plan.target.ids.length, 'organisation', 'organisationer')}, varav ${plan.alreadyReached.length} redan har deltagit och ${remaining} återstår.`),
    h('p', { id: 'ro-rounds' },
      plan.roundsNeeded === null
        ? `Alla nås inte inom ${plural(plan.settings.maxRounds, 'omgång', 'omgångar')}; den undre gränsen är ${plan.lowerBound === null ? 'okänd' : plural(plan.lowerBound, 'omgång', 'omgångar')}.`
        : plan.roundsNeeded === 0
          ? 'Alla i målet har redan deltagit.'
          : [`${plural(plan.roundsNeeded, 'omgång behövs', 'omgångar behövs')}. Undre gräns: ${plural(plan.lowerBound, 'omgång', 'omgångar')} `,
            `(${plan.lowerBoundBasis === 'cascade-capacity' ? 'kaskadens kapacitet: hur många som kan gå med per omgång med de mentorer som finns' : 'uttömmande sökning över antalen per omgång'}). `,
            h('strong', {}, plan.minimal ? 'Bevisat minsta antal.' : 'Inte bevisat minsta antal.')]),
    h('p', {}, `Planens värde ${fmtNum(v.objective, 3)} (summan av omgångarnas målfunktion), övre gräns ${fmtNum(v.bound, 3)}, gap ${fmtNum(v.gap, 3)}: `,
      v.status === 'proven-optimal'
        ? 'bevisat bästa plan.'
        : v.method === 'exhaustive'
          ? 'alla fördelningar jämförda, några omgångar heuristiskt lösta.'
          : v.method === 'branch-and-bound'
            ? 'gren och gräns över vem som går med när, stoppad vid sin arbetsgräns; gränsen kommer från en LP-relaxation över alla omgångar.'
            : 'lokalsökning över vem som går med när; gränsen är en relaxation.'),
    plan.unreachable.length
      ? h('details', { open: plan.unreachable.length <= 10 }, h('summary', {}, `Nås inte: ${plural(plan.unreachable.length, 'organisation', 'organisationer')}`),
        h('ul', { class: 'small' }, plan.unreachable.map((u) => h('li', {}, orgLink(u), ` – ${UNREACHABLE_SV[u.code] ?? u.code}`))))
      : null,
    h('div', { class: 'tabs-row' },
      download(body, 'csv', 'Ladda ner planen (CSV)'),
      download(body, 'xlsx', 'Ladda ner planen (Excel)'),
      h('a', { class: 'button secondary small', href: `#/forslag${qs({ program: programme === 'modellkommuner' ? '' : programme })}` }, 'Till förslagsverkstaden')));
  const treeSection = h('section', { 'aria-labelledby': 'ro-tree-h' }, h('h2', { id: 'ro-tree-h' }, 'Spridningsträdet framåt'),
    h('ul', { class: 'legend', 'aria-label': 'Teckenförklaring för trädet' },
      h('li', {}, h('span', { class: 'line-sample', 'aria-hidden': 'true' }), 'verklig mentorlänk (senaste)'),
      h('li', {}, h('span', { class: 'line-sample planned', 'aria-hidden': 'true' }), 'planerad mentorlänk (streckad)')));
  const treeHolder = h('div', { class: 'tree-scroll' }, loading('Ritar trädet …'));
  treeSection.append(treeHolder);
  const mapSection = h('section', { 'aria-labelledby': 'ro-map-h' }, h('h2', { id: 'ro-map-h' }, 'Karta: omgång då varje kommun går med'));
  const mapHolder = h('div', { class: 'map-holder' }, loading('Ritar kartan …'));
  const mapInfo = h('p', { class: 'map-info', 'aria-live': 'polite' }, 'Peka på eller tabba till en kommun för att se namn och omgång.');
  const colours = roundColours(Math.max(1, plan.rounds.length));
  const joinRound = new Map(plan.rounds.flatMap((r) => r.joins.map((j) => [j.id, r.index])));
  const legend = h('ul', { class: 'legend', style: 'flex-direction:column;align-items:flex-start', 'aria-label': 'Teckenförklaring för kartan' },
    plan.rounds.map((r, i) => h('li', {}, h('span', { class: 'swatch', style: `background:${colours[i]}`, 'aria-hidden': 'true' }), `Omgång ${r.index} (${plural(r.joins.length, 'ny', 'nya')})`)),
    h('li', {}, h('span', { class: 'swatch', style: `background:${ALREADY}`, 'aria-hidden': 'true' }), `Redan med (${plural(plan.alreadyReached.length, 'organisation', 'organisationer')})`),
    plan.unreachable.length ? h('li', {}, h('span', { class: 'swatch', style: `background:${UNREACHABLE}`, 'aria-hidden': 'true' }), `Nås inte (${plural(plan.unreachable.length, 'organisation', 'organisationer')})`) : null,
    h('li', {}, h('span', { class: 'swatch', style: `background:${OUTSIDE};border-color:#8a8a8a`, 'aria-hidden': 'true' }), 'Utanför målet'));
  mapSection.append(h('div', { class: 'map-layout' }, mapHolder, h('div', {}, h('h3', {}, 'Teckenförklaring'), legend, mapInfo)));
  const groupsSection = h('section', { 'aria-labelledby': 'ro-groups-h' }, h('h2', { id: 'ro-groups-h' }, 'Grupper per omgång'),
    plan.rounds.map((r) => h('details', { open: plan.rounds.length <= 3 },
      h('summary', {}, `Omgång ${r.index}: ${plural(r.joins.length, 'ny', 'nya')} i ${plural(r.groups.length, 'grupp', 'grupper')}, målfunktion ${fmtNum(r.objective, 3)}${r.optimality.status === 'proven-optimal' ? ' (bevisat optimal)' : ` (heuristisk, gap ${fmtNum(r.optimality.gap, 3)})`}`),
      h('ul', {}, r.groups.map((g) => h('li', {}, orgLink(g.mentor), ' → ', g.members.map((m, i) => [i ? ', ' : '', orgLink(m)]), ` (${fmtNum(g.value, 3)})`))))));
  clear(out, summary, treeSection, mapSection, groupsSection);

  const status = (id) => (joinRound.has(id) ? 'join' : plan.alreadyReached.some((a) => a.id === id) ? 'already' : plan.unreachable.some((u) => u.id === id) ? 'unreachable' : 'outside');
  try {
    drawMap(mapHolder, await loadGeo(), joinRound, colours, status, mapInfo);
  } catch (err) {
    clear(mapHolder, errorBox(err, 'Kartan kunde inte ritas'));
  }
  try {
    clear(treeHolder, drawTree(plan, await realParents(plan, programme)));
  } catch (err) {
    clear(treeHolder, errorBox(err, 'Trädet kunde inte ritas'));
  }
}

function download(body, ext, text) {
  const a = h('a', { class: 'button secondary small', href: '#', 'data-format': ext }, text);
  a.addEventListener('click', async (e) => {
    e.preventDefault();
    const response = await fetch(`/api/rollout-plans.${ext}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) {
      a.after(errorBox(new Error(`Servern svarade ${response.status}`), 'Filen kunde inte hämtas'));
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `utrullning.${ext}`;
    const url = URL.createObjectURL(await response.blob());
    const link = h('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return a;
}

/** The latest real mentor of each round-1 or persistent mentor the plan uses (at most 40 look-ups). */
async function realParents(plan, programme) {
  const planned = new Set(plan.rounds.flatMap((r) => r.joins.map((j) => j.id)));
  const used = [...new Set(plan.rounds.flatMap((r) => r.groups.map((g) => g.mentor.id)))].filter((id) => !planned.has(id)).slice(0, 40);
  const parents = new Map();
  await Promise.all(used.map(async (id) => {
    try {
      const trace = await api(`/api/organisations/${encodeURIComponent(id)}/lineage${qs({ programme })}`);
      const direct = trace.ancestors.filter((a) => a.link.menteeId === id).sort((a, b) => ((a.link.roundStart ?? '') < (b.link.roundStart ?? '') ? 1 : -1));
      if (direct.length) parents.set(id, { org: direct[0].organisation, link: direct[0].link });
    } catch { /* a mentor without a readable lineage is drawn as a root */ }
  }));
  return parents;
}

/** Columns: real mentors of the mentors, the mentors already in, then one column per planned round. */
function drawTree(plan, parents) {
  const planned = new Map(plan.rounds.flatMap((r) => r.joins.map((j) => [j.id, r.index])));
  const mentorOf = new Map(plan.rounds.flatMap((r) => r.groups.flatMap((g) => g.members.map((m) => [m.id, g.mentor]))));
  const existing = [...new Map(plan.rounds.flatMap((r) => r.groups.map((g) => g.mentor)).filter((m) => !planned.has(m.id)).map((m) => [m.id, m])).values()];
  const roots = [...new Map([...parents.values()].map((p) => [p.org.id, p.org])).values()].filter((o) => !existing.some((e) => e.id === o.id));
  const columns = [roots, existing, ...plan.rounds.map((r) => r.joins)];
  const titles = ['Tidigare mentorer', 'Redan med', ...plan.rounds.map((r) => `Omgång ${r.index} (planerad)`)];
  const y = new Map();
  const colOf = new Map();
  columns.forEach((col, c) => {
    // Children sit in the order of their mentor, so lines cross less.
    const key = (o) => (c === 1 ? (y.get(parents.get(o.id)?.org.id) ?? 1e9) : (y.get(mentorOf.get(o.id)?.id) ?? 1e9));
    [...col].sort((a, b) => key(a) - key(b) || (a.name < b.name ? -1 : 1)).forEach((o, i) => {
      if (colOf.has(o.id)) return;
      y.set(o.id, TOP + 16 + i * ROW_H);
      colOf.set(o.id, c);
    });
  });
  const rows = Math.max(1, ...columns.map((c) => c.length));
  const width = 12 + columns.length * COL_W;
  const height = TOP + 24 + rows * ROW_H;
  const x = (c) => 16 + c * COL_W;
  const svg = s('svg', { class: 'tree rollout-tree', viewBox: `0 0 ${width} ${height}`, width, height, role: 'group', 'aria-label': `Spridningsträd framåt: ${plan.rounds.length} planerade omgångar` });
  titles.forEach((t, c) => {
    if (c === 0 && roots.length === 0) return;
    svg.append(s('text', { class: 'round-label', x: x(c), y: 24 }, t));
  });
  const edge = (from, to, cls, title) => {
    if (!y.has(from) || !y.has(to)) return;
    const x1 = x(colOf.get(from)) + 8;
    const x2 = x(colOf.get(to)) - 6;
    const y1 = y.get(from);
    const y2 = y.get(to);
    const mid = (x1 + x2) / 2;
    svg.append(s('g', { class: `link ${cls}`, 'data-mentor': from, 'data-mentee': to }, s('path', { class: 'line', d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` }), s('title', {}, title)));
  };
  for (const [id, p] of parents) edge(p.org.id, id, `real${p.link.disputed ? ' disputed' : ''}`, `${p.org.name} → ${id}: ${p.link.roundLabel}${p.link.disputed ? ' (omstridd)' : ''}`);
  for (const r of plan.rounds) for (const g of r.groups) for (const m of g.members) edge(g.mentor.id, m.id, 'planned', `${g.mentor.name} → ${m.name}: omgång ${r.index} (planerad)`);
  for (const col of columns)
    for (const o of col) {
      if (colOf.get(o.id) === undefined || svg.querySelector(`g.node[data-id="${CSS.escape(o.id)}"]`)) continue;
      const c = colOf.get(o.id);
      const a = s('a', { href: `#/organisation/${encodeURIComponent(o.id)}`, 'aria-label': o.name },
        s('circle', { cx: x(c), cy: y.get(o.id), r: 5 }), s('text', { x: x(c) + 9, y: y.get(o.id) + 4 }, short(o.name)), s('title', {}, o.name));
      svg.append(s('g', { class: `node${c >= 2 ? ' planned' : ''}`, 'data-id': o.id }, a));
    }
  return svg;
}

function drawMap(holder, geo, joinRound, colours, status, info) {
  const d3 = window.d3;
  // A target smaller than the country is drawn zoomed to its municipalities, with the rest around it.
  const inTarget = geo.features.filter((f) => status(f.properties.code) !== 'outside');
  const focus = inTarget.length && inTarget.length < geo.features.length * 0.5 ? { type: 'FeatureCollection', features: inTarget } : geo;
  const width = 420;
  const height = focus === geo ? 900 : 480;
  const projection = d3.geoTransverseMercator().rotate([-15, 0]).fitExtent([[6, 6], [width - 6, height - 6]], focus);
  const path = d3.geoPath(projection);
  const fill = (code) => {
    const st = status(code);
    return st === 'join' ? colours[joinRound.get(code) - 1] : st === 'already' ? ALREADY : st === 'unreachable' ? UNREACHABLE : OUTSIDE;
  };
  const describe = (f) => {
    const code = f.properties.code;
    const st = status(code);
    const name = f.properties.name;
    return st === 'join' ? `${name}: går med i omgång ${joinRound.get(code)}` : st === 'already' ? `${name}: redan med` : st === 'unreachable' ? `${name}: nås inte` : `${name}: utanför målet`;
  };
  const svg = d3.create('svg').attr('class', 'map').attr('id', 'ro-karta').attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'group').attr('aria-label', 'Karta över kommunerna, färgade efter planerad omgång');
  svg.append('g').selectAll('path').data(geo.features).join('path')
    .attr('d', path)
    .attr('class', (f) => `muni ${status(f.properties.code)}`)
    .attr('data-code', (f) => f.properties.code)
    .attr('data-round', (f) => joinRound.get(f.properties.code) ?? null)
    .attr('fill', (f) => fill(f.properties.code))
    .attr('tabindex', (f) => (status(f.properties.code) === 'outside' ? null : 0))
    .attr('aria-label', describe)
    .on('mouseenter focus', (event, f) => { info.textContent = describe(f); })
    .append('title').text(describe);
  clear(holder, svg.node());
}
