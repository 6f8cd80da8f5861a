// Organisation page: search, then one organisation's data, participation history (round, role,
// group, mentors and mentees with sources), comparable organisations with the reasons, and lineage.
import { api, cached, qs } from '../api.js';
import { plural } from '../i18n/plural.js';
import { reasonSv } from '../i18n/reasons-sv.js';
import { CRITERION_SV, clear, countyNames, disputedTag, errorBox, fmtInt, fmtNum, h, kindSv, loading, orgLink, programmeName, quotedEn, roleSv, sourceList, sourceTitle, STATUS_SV, table, withSourceTitles } from '../ui.js';

export async function render(root, { rest, params }) {
  const id = rest[0];
  root.append(h('h1', {}, id ? 'Organisation' : 'Sök organisation'));
  root.append(searchForm(params.q ?? ''));
  if (!id) {
    if (params.q) root.append(await searchResults(params.q));
    else root.append(h('p', { class: 'lead' }, 'Sök en kommun, region eller annan organisation på namn eller kod (t.ex. Uppsala eller 0380).'));
    return;
  }
  const body = h('div', { 'aria-live': 'polite' }, loading('Laddar organisationen …'));
  root.append(body);
  let detail;
  try {
    detail = await api(`/api/organisations/${encodeURIComponent(id)}`);
  } catch (err) {
    clear(body, errorBox(err, 'Organisationen kunde inte hämtas'));
    return;
  }
  const o = detail.organisation;
  root.querySelector('h1').textContent = o.name;
  document.title = `${o.name} – Modellkommuner`;
  let sources = new Map();
  try {
    sources = new Map((await cached('/api/sources')).items.map((x) => [x.id, x]));
  } catch { /* ids are shown instead of titles */ }
  let programmes = new Map();
  let focusLabels = new Map();
  try {
    programmes = new Map((await cached('/api/programmes')).items.map((x) => [x.id, x]));
    focusLabels = new Map((await cached('/api/focus-areas')).items.map((f) => [f.id, f.label]));
  } catch { /* ids are shown instead of names */ }
  await countyNames();
  let kgName = '';
  try {
    const kg = (await cached('/api/kommungrupper')).items.find((k) => k.code === o.kommungrupp2017 && (k.version ?? 2017) === 2017);
    kgName = kg ? ` ${kg.name}` : '';
  } catch { /* the code alone is still useful */ }
  clear(body,
    h('section', { 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, 'Uppgifter'),
      h('dl', { class: 'facts' },
        fact('Typ', kindSv(o.kind)),
        fact('Kod', o.id),
        fact('Län', detail.county ? detail.county.name : '–'),
        detail.parent ? fact('Del av', orgLink(detail.parent)) : null,
        detail.children?.length ? fact('Delar', detail.children.map((c, i) => [i ? ', ' : '', orgLink(c)])) : null,
        fact('Invånare', o.population ? `${fmtInt(o.population)}${o.populationYear ? ` (31 dec ${o.populationYear})` : ''}` : 'okänt'),
        o.kommungrupp2017 ? fact('Kommungrupp 2017', `${o.kommungrupp2017}${kgName}`) : null,
        o.kommungrupp2023 ? fact('Kommungrupp 2023', o.kommungrupp2023) : null,
        o.areaKm2 ? fact('Landareal', `${fmtInt(o.areaKm2)} km²`) : null,
        o.focus?.length ? fact('Fokusområden', o.focus.map((f) => focusLabels.get(f) ?? f).join(', ')) : null,
        o.noteSv ? fact('Anteckning', withSourceTitles(o.noteSv, sources)) : o.note ? fact('Anteckning', quotedEn(o.note, 'Ur underlaget (på engelska): ')) : null)),
    participationSection(detail, sources, programmes),
  );
  const similarSection = h('section', { 'aria-labelledby': 'similar-h' }, h('h2', { id: 'similar-h' }, 'Jämförbara organisationer'), loading('Räknar fram jämförbara organisationer …'));
  const lineageSection = h('section', { 'aria-labelledby': 'lineage-h' }, h('h2', { id: 'lineage-h' }, 'Linje (mentorskedjor)'), loading('Laddar linjen …'));
  body.append(lineageSection, similarSection);
  await Promise.all([fillLineage(lineageSection, o), fillSimilar(similarSection, o)]);
  if (o.kind === 'kommun') similarSection.append(await familyBox(o));
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function searchForm(value) {
  const input = h('input', { id: 'org-q', type: 'search', value, placeholder: 'namn eller kod', autocomplete: 'off' });
  return h('form', { class: 'panel controls', role: 'search', onsubmit: (e) => { e.preventDefault(); location.hash = `#/organisation${qs({ q: input.value.trim() })}`; } },
    h('div', { class: 'field' }, h('label', { for: 'org-q' }, 'Sök organisation'), input), h('button', { type: 'submit' }, 'Sök'));
}

async function searchResults(q) {
  try {
    const page = await api(`/api/organisations${qs({ q, limit: 50 })}`);
    if (page.items.length === 0) return h('p', {}, `Ingen organisation matchar ”${q}”.`);
    return h('div', {}, h('p', {}, `${plural(page.total, 'träff', 'träffar')}${page.total > page.items.length ? ` (de ${page.items.length} första visas)` : ''}.`),
      table([
        { label: 'Namn', value: (o) => orgLink(o) },
        { label: 'Kod', value: (o) => o.id },
        { label: 'Typ', value: (o) => kindSv(o.kind) },
        { label: 'Invånare', num: true, value: (o) => fmtInt(o.population) },
      ], page.items));
  } catch (err) {
    return errorBox(err, 'Sökningen misslyckades');
  }
}

function participationSection(detail, sources, programmes) {
  const src = (ids) => sourceList(ids.map((id) => sources.get(id) ?? id));
  const rows = detail.participation ?? [];
  const section = h('section', { 'aria-labelledby': 'part-h' }, h('h2', { id: 'part-h' }, 'Deltagande'));
  if (rows.length === 0) {
    section.append(h('p', {}, `${detail.organisation.name} har inte deltagit i någon registrerad omgång.`));
    return section;
  }
  const people = (list) => (list.length === 0 ? '–' : h('ul', { class: 'small', style: 'margin:0;padding-left:1rem' }, list.map((m) => h('li', {},
    orgLink(m.organisation), m.role && m.role !== 'mentor' ? ` (${roleSv(m.role)})` : '', m.disputed ? [' ', disputedTag()] : '',
    m.sources?.length ? h('span', { class: 'muted' }, ` – enligt ${m.sources.map((id) => sourceTitle(sources.get(id) ?? id)).join('; ')}`) : ''))));
  section.append(table([
    { label: 'Omgång', value: (p) => [p.round.label, h('span', { class: 'small muted' }, ` ${programmeName(programmes.get(p.round.programmeId)) || p.round.programmeId}, ${STATUS_SV[p.round.state] ?? p.round.state}`)] },
    { label: 'Roll', value: (p) => [roleSv(p.role), p.disputed ? [' ', disputedTag()] : ''] },
    { label: 'Grupp', value: (p) => (p.groups.length ? p.groups.map((g) => h('div', {}, g.members.map((m, i) => [i ? ', ' : '', orgLink(m)]), g.disputed ? [' ', disputedTag()] : '')) : '–') },
    { label: 'Mentor(er)', value: (p) => people(p.mentoredBy ?? []) },
    { label: 'Handledde', value: (p) => people(p.mentees ?? []) },
    { label: 'Källor', value: (p) => src(p.sources) },
  ], rows));
  return section;
}

async function fillLineage(section, o) {
  const heading = section.firstChild;
  try {
    const trace = await api(`/api/organisations/${encodeURIComponent(o.id)}/lineage`);
    const chains = trace.chains.filter((c) => c.links.length > 0);
    const chainLi = (c) => h('li', {}, c.organisations.map((x, i) => [
      i ? [' ', h('span', { class: `chain-link${c.links[i - 1].disputed ? ' disputed' : ''}` }, `→ (${c.links[i - 1].roundLabel}${c.links[i - 1].disputed ? ', omstridd' : ''}) →`), ' '] : '',
      h('span', { class: 'chain-org' }, orgLink(x))]), c.disputed ? [' ', disputedTag('vilar på omstridd länk')] : '');
    const desc = (nodes) => h('ul', { class: 'desc' }, nodes.map((n) => h('li', {}, orgLink(n.organisation), h('span', { class: 'small muted' }, ` (${n.link.roundLabel}, ${roleSv(n.link.role)})`),
      n.link.disputed ? [' ', disputedTag()] : '', n.children.length ? desc(n.children) : '')));
    clear(section, heading,
      h('h3', {}, 'Kedjor fram hit'),
      chains.length ? h('ol', { class: 'chains' }, chains.map(chainLi)) : h('p', {}, 'Ingen registrerad mentor.'),
      h('h3', {}, 'Efterföljare'),
      trace.descendants.length ? desc(trace.descendants) : h('p', {}, 'Har inte handlett någon (ännu).'),
      h('p', {}, h('a', { href: `#/trad${qs({ org: o.id })}` }, `Visa ${o.name} i spridningsträdet`)));
  } catch (err) {
    clear(section, heading, errorBox(err, 'Linjen kunde inte hämtas'));
  }
}

const SIMILAR_SV = { size: 'Storlek', kommungrupp: 'Kommungrupp', density: 'Befolkningstäthet', geography: 'Geografi' };

/** Tolerates the shapes a ranked list may take: { items: [...] } or a bare list; breakdown as object or list. */
function similarItems(res) {
  const list = Array.isArray(res) ? res : res.items ?? res.similar ?? res.organisations ?? [];
  return list.map((it) => {
    const org = it.organisation ?? it.org ?? it;
    const raw = it.breakdown ?? it.criteria ?? {};
    const breakdown = Array.isArray(raw) ? raw : Object.entries(raw).map(([id, c]) => ({ id, ...c }));
    return { org, score: it.score ?? it.similarity ?? it.distance ?? null, breakdown, reasons: it.reasons ?? [] };
  });
}

async function fillSimilar(section, o) {
  const heading = section.firstChild;
  try {
    const res = await api(`/api/organisations/${encodeURIComponent(o.id)}/similar${qs({ limit: 10 })}`);
    const items = similarItems(res);
    if (items.length === 0) {
      clear(section, heading, h('p', {}, 'Inga jämförbara organisationer hittades.'));
      return;
    }
    clear(section, heading,
      h('p', { class: 'small muted' }, 'Likt Koladas ”liknande kommuner”, men med skälen utskrivna: varje kriterium ger ett värde mellan 0 och 1.'),
      table([
        { label: '#', num: true, value: (_r) => '' },
        { label: 'Organisation', value: (r) => orgLink(r.org) },
        { label: 'Poäng', num: true, value: (r) => (r.score === null ? '–' : fmtNum(r.score)) },
        { label: 'Skäl', value: (r) => h('ul', { class: 'small', style: 'margin:0;padding-left:1rem' },
          r.breakdown.map((c) => h('li', {}, h('strong', {}, SIMILAR_SV[c.id] ?? CRITERION_SV[c.id] ?? c.label ?? c.id), c.value !== undefined ? ` ${fmtNum(c.value)}` : '', c.weight !== undefined ? ` (vikt ${fmtNum(c.weight, 1)})` : '', c.reason ? `: ${reasonSv(c.reason)}` : '')),
          r.reasons.map((x) => h('li', {}, reasonSv(x)))) },
      ], items));
    section.querySelectorAll('tbody tr').forEach((tr, i) => { tr.firstChild.textContent = String(i + 1); });
  } catch (err) {
    clear(section, heading, errorBox(err, 'Jämförbara organisationer kunde inte hämtas'));
  }
}

/** The municipality's structural family (k-means over standardised features, from the API). */
async function familyBox(o) {
  try {
    const res = await cached('/api/families');
    const family = res.families.find((f) => f.members.some((m) => m.id === o.id));
    if (!family) return h('p', { class: 'small muted' }, `${o.name} ingår inte i någon strukturfamilj (uppgifter saknas).`);
    return h('div', {},
      h('h3', {}, `Strukturfamilj ${family.id} av ${res.k}`),
      h('p', { class: 'small muted' }, `Kommunerna grupperade med k-means på ${res.features.map(reasonSv).join(', ')} (standardiserade). Familjens geometriska medel: ${fmtInt(family.profile.population)} invånare, ${fmtNum(family.profile.density, 1)} invånare/km².`),
      h('details', {}, h('summary', {}, `${plural(family.members.length, 'kommun', 'kommuner')} i familjen`),
        h('p', { class: 'small' }, family.members.map((m, i) => [i ? ', ' : '', m.id === o.id ? h('strong', {}, m.name) : orgLink(m)]))));
  } catch (err) {
    return errorBox(err, 'Strukturfamiljerna kunde inte hämtas');
  }
}
