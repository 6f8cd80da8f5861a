// Spridning: how far the programme has reached, round by round. Charts (Chart.js) of cumulative
// reach and population share, municipalities reached per county and per kommungrupp stacked by
// the round they first took part; a map of the 290 municipalities (d3-geo, SVG) coloured by that
// first round with the never-reached ones grey; and the same numbers as tables with CSV downloads.
// Only rounds that have taken place count; "Visa planerade omgångar" adds planned rounds, each
// named "(planerad)" wherever it appears, with a notice saying the figures include them.
import { api, cached, qs } from '../api.js';
import { plural, pluralWord } from '../i18n/plural.js';
import { reasonSv } from '../i18n/reasons-sv.js';
import { clear, disputedTag, downloadLinks, errorBox, fmtInt, fmtPct, h, loading, orgLink, programmeSelect, table, toCsv } from '../ui.js';

/** The address's value for "Alla program" (an empty value would fall back to the default programme). */
const ALL = 'alla';

/**
 * A long axis label as lines of at most `max` characters, broken between words, so Chart.js
 * draws it whole beside the bars instead of cutting it at the canvas edge.
 */
export function wrapLabel(text, max = 16) {
  const lines = [];
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 1 ? lines : lines[0] ?? '';
}

/** A round's name on this page: planned rounds always say so. */
const roundName = (round) => (round.state === 'planned' ? `${round.label} (planerad)` : round.label);

const NEVER = '#e4e4e4';
let geoPromise = null;

/** The municipality boundaries, fetched once per page load and rewound for d3 (see below). */
export function loadGeo() {
  if (!geoPromise) {
    geoPromise = api('/api/geo/municipalities').then((geo) => ({ ...geo, features: geo.features.map(rewind) }));
    geoPromise.catch(() => { geoPromise = null; });
  }
  return geoPromise;
}

/**
 * GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo works on the sphere and reads
 * that as "everything but the polygon". Reverse the rings of any feature d3 finds larger than a
 * hemisphere.
 */
function rewind(feature) {
  const d3 = window.d3;
  if (d3.geoArea(feature) <= 2 * Math.PI) return feature;
  const g = feature.geometry;
  const rev = (poly) => poly.map((ring) => [...ring].reverse());
  const geometry = g.type === 'Polygon' ? { ...g, coordinates: rev(g.coordinates) } : g.type === 'MultiPolygon' ? { ...g, coordinates: g.coordinates.map(rev) } : g;
  return { ...feature, geometry };
}

/** One colour per round, in time order (viridis, light to dark is late to early). */
export function roundColours(n) {
  const d3 = window.d3;
  return Array.from({ length: n }, (_, i) => d3.interpolateViridis(n <= 1 ? 0.2 : 0.9 - (0.8 * i) / (n - 1)));
}

export async function render(root, { params }) {
  const programme = params.program === ALL ? '' : params.program ?? 'modellkommuner';
  const showPlanned = params.planerade === '1';
  const charts = [];
  root.append(
    h('h1', {}, 'Spridning'),
    h('p', { class: 'lead' }, 'Hur långt programmet har nått, omgång för omgång: antal organisationer, kommuner per län och kommungrupp, andel av befolkningen, och en karta över i vilken omgång varje kommun först deltog. Siffror som vilar på omstridda uppgifter visas också utan dem.'),
  );
  const controls = h('div', { class: 'panel controls' });
  const body = h('div', { 'aria-live': 'polite' }, loading('Laddar spridningsstatistik …'));
  root.append(controls, body);

  try {
    const programmes = (await cached('/api/programmes')).items;
    controls.append(
      programmeSelect([{ id: ALL, name: 'Alla program' }, ...programmes], programme || ALL, (id) => { location.hash = `#/spridning${qs({ program: id, planerade: showPlanned ? '1' : undefined })}`; }, 'spread-programme'),
    );
  } catch (err) {
    controls.append(errorBox(err, 'Programmen kunde inte hämtas'));
  }

  controls.append(h('label', { class: 'field inline' },
    h('input', { type: 'checkbox', id: 'spread-planned', checked: showPlanned, onchange: (e) => { location.hash = `#/spridning${qs({ program: programme || ALL, planerade: e.target.checked ? '1' : undefined })}`; } }),
    ' Visa planerade omgångar'));

  let spread;
  try {
    spread = await api(`/api/spread${qs({ programme, includePlanned: showPlanned ? 'true' : undefined })}`);
  } catch (err) {
    clear(body, errorBox(err, 'Spridningsstatistiken kunde inte hämtas'));
    return () => charts.forEach((c) => c.destroy());
  }
  const rounds = spread.rounds;
  const colours = roundColours(rounds.length);
  const colourOf = new Map(rounds.map((r, i) => [r.round.id, colours[i]]));
  const labelOf = new Map(rounds.map((r) => [r.round.id, roundName(r.round)]));

  clear(body);
  const reach = spread.reach;
  const plannedRounds = rounds.filter((r) => r.round.state === 'planned');
  if (spread.includesPlanned) {
    body.append(h('p', { id: 'planned-notice', class: 'panel small', role: 'note' }, h('span', { class: 'planned-tag' }, 'planerad'), ' ',
      plannedRounds.length
        ? `Siffrorna nedan räknar även ${plural(plannedRounds.length, 'planerad omgång', 'planerade omgångar')} (${plannedRounds.map((r) => r.round.label).join(', ')}), som är antagen men inte har startat. Ta bort bocken för att se bara det som har ägt rum.`
        : 'Det finns inga planerade omgångar; siffrorna är desamma som för det som har ägt rum.'));
  }
  body.append(
    h('div', { class: 'cards' },
      stat(fmtInt(reach.organisations), `${pluralWord(reach.organisations, 'organisation', 'organisationer')} har deltagit`),
      stat(`${fmtInt(reach.municipalities)} av ${fmtInt(spread.totals.municipalities)}`, `${pluralWord(spread.totals.municipalities, 'kommun', 'kommuner')} nådda (${fmtPct(reach.municipalityShare)})`),
      stat(fmtPct(reach.populationShare), `av befolkningen bor i en nådd kommun (${fmtInt(reach.population)} invånare)`),
      stat(`${fmtInt(reach.regions)} av ${fmtInt(spread.totals.regions)}`, `${pluralWord(spread.totals.regions, 'region', 'regioner')} har deltagit`),
      stat(fmtInt(spread.neverReached.municipalities.length), `${pluralWord(spread.neverReached.municipalities.length, 'kommun', 'kommuner')} aldrig nådda`),
      stat(fmtInt(spread.generations.maxGeneration), `${pluralWord(spread.generations.maxGeneration, 'generation', 'generationer')}; längsta kedjan har ${plural(spread.generations.longestChainLength, 'led', 'led')}`)),
    h('p', { class: 'small' }, disputedTag(), ` Utan omstridda uppgifter: ${plural(spread.reachUndisputed.municipalities, 'kommun', 'kommuner')}, ${fmtPct(spread.reachUndisputed.populationShare)} av befolkningen. `,
      `${outOf(spread.disputed.mentorLinks.disputed, spread.disputed.mentorLinks.total, 'mentorlänk', 'mentorlänkar')} och ${outOf(spread.disputed.participations.disputed, spread.disputed.participations.total, 'deltagande', 'deltaganden')} är omstridda.`),
    recordCountBox(spread, programme),
  );

  if (rounds.length === 0) {
    body.append(h('p', {}, 'Programmet har inga omgångar ännu.'));
    return () => {};
  }

  // Charts over rounds.
  const chartsSection = h('section', { 'aria-labelledby': 'charts-h' }, h('h2', { id: 'charts-h' }, 'Över omgångarna'));
  const grid = h('div', { class: 'grid-2' });
  chartsSection.append(grid);
  body.append(chartsSection);
  const labels = rounds.map((r) => roundName(r.round));
  const Chart = window.Chart;
  // Darker than Chart.js's default grey, for readable axis labels on the light panels.
  Chart.defaults.color = '#2b2b2b';
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  const base = {
    responsive: true, maintainAspectRatio: false, animation: false,
    plugins: { legend: { position: 'bottom' } },
  };
  const cumBox = chartBox(grid, 'chart-cumulative', 'Nådda organisationer och kommuner, kumulativt',
    `Kumulativt antal: ${rounds.map((r) => `${r.round.label}: ${plural(r.cumulative.organisations, 'organisation', 'organisationer')}, ${plural(r.cumulative.municipalities, 'kommun', 'kommuner')}`).join('; ')}.`);
  charts.push(new Chart(cumBox, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'Organisationer', data: rounds.map((r) => r.cumulative.organisations), borderColor: '#12507a', backgroundColor: '#12507a', tension: 0 },
        { label: 'Kommuner', data: rounds.map((r) => r.cumulative.municipalities), borderColor: '#2a9d8f', backgroundColor: '#2a9d8f', tension: 0 },
        { label: 'Kommuner, utan omstridda', data: rounds.map((r) => r.undisputed.cumulative.municipalities), borderColor: '#a04a00', backgroundColor: '#a04a00', borderDash: [6, 4], tension: 0 },
      ],
    },
    options: { ...base, scales: { y: { beginAtZero: true, title: { display: true, text: 'antal' } } } },
  }));
  const popBox = chartBox(grid, 'chart-population', 'Andel av Sveriges befolkning som bor i en nådd kommun',
    `Andel: ${rounds.map((r) => `${r.round.label}: ${fmtPct(r.cumulative.populationShare)}`).join('; ')}.`);
  charts.push(new Chart(popBox, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'Andel av befolkningen (%)', data: rounds.map((r) => +(r.cumulative.populationShare * 100).toFixed(2)), borderColor: '#12507a', backgroundColor: 'rgba(18,80,122,0.15)', fill: true, tension: 0 },
        { label: 'Utan omstridda (%)', data: rounds.map((r) => +(r.undisputed.cumulative.populationShare * 100).toFixed(2)), borderColor: '#a04a00', backgroundColor: '#a04a00', borderDash: [6, 4], tension: 0 },
      ],
    },
    options: { ...base, scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } } },
  }));
  const newBox = chartBox(grid, 'chart-new', 'Per omgång: nya organisationer, deltagare och mentorer',
    `Per omgång: ${rounds.map((r) => `${r.round.label}: ${plural(r.counts.newOrganisations, 'ny', 'nya')}, ${plural(r.counts.participants, 'deltagare', 'deltagare')}, ${plural(r.counts.mentors, 'mentor', 'mentorer')}`).join('; ')}.`);
  charts.push(new Chart(newBox, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'Nya organisationer', data: rounds.map((r) => r.counts.newOrganisations), backgroundColor: '#12507a' },
        { label: 'Deltagare', data: rounds.map((r) => r.counts.participants), backgroundColor: '#2a9d8f' },
        { label: 'Mentorer', data: rounds.map((r) => r.counts.mentors), backgroundColor: '#b07d00' },
      ],
    },
    options: { ...base, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }));

  // Municipalities reached per county and kommungrupp, stacked by first round.
  const byFirst = (groupKey, rows) => {
    const datasets = rounds.map((r, i) => ({
      label: r.round.label,
      data: rows.map((row) => spread.firstRounds.filter((f) => groupKey(f) === row.code && f.firstRoundId === r.round.id).length),
      backgroundColor: colours[i],
      stack: 's',
    }));
    datasets.push({ label: 'Aldrig nådd', data: rows.map((row) => row.municipalities - row.reached), backgroundColor: NEVER, borderColor: '#8a8a8a', borderWidth: 1, stack: 's' });
    return datasets;
  };
  const stackedOpts = { ...base, indexAxis: 'y', scales: { x: { stacked: true, title: { display: true, text: 'kommuner' } }, y: { stacked: true, ticks: { autoSkip: false } } } };
  // Labels as lines of words: Chart.js gives the axis at most half the width and cuts longer labels.
  const wrapAt = window.innerWidth < 600 ? 18 : 24;
  // Room for every line of every label, plus the legend and the axis below.
  const fitHeight = (canvas, labels) => {
    const lines = labels.reduce((n, l) => n + (Array.isArray(l) ? l.length : 1), 0);
    canvas.parentElement.style.height = `${Math.max(window.innerWidth < 600 ? 520 : 560, lines * 20 + 200)}px`;
    return labels;
  };
  const countyBox = chartBox(grid, 'chart-county', 'Kommuner per län, efter första omgång',
    `Nådda kommuner per län: ${spread.byCounty.map((c) => `${c.name} ${c.reached} av ${c.municipalities}`).join('; ')}.`, true);
  charts.push(new Chart(countyBox, { type: 'bar', data: { labels: fitHeight(countyBox, spread.byCounty.map((c) => wrapLabel(c.name, wrapAt))), datasets: byFirst((f) => f.organisation.countyCode, spread.byCounty) }, options: stackedOpts }));
  const kgBox = chartBox(grid, 'chart-kommungrupp', 'Kommuner per kommungrupp, efter första omgång',
    `Nådda kommuner per kommungrupp: ${spread.byKommungrupp.map((c) => `${c.code} ${c.name} ${c.reached} av ${c.municipalities}`).join('; ')}.`, true);
  charts.push(new Chart(kgBox, { type: 'bar', data: { labels: fitHeight(kgBox, spread.byKommungrupp.map((c) => wrapLabel(`${c.code} ${c.name}`, wrapAt))), datasets: byFirst((f) => f.kommungrupp2017, spread.byKommungrupp) }, options: stackedOpts }));

  // Map.
  const mapSection = h('section', { 'aria-labelledby': 'map-h' }, h('h2', { id: 'map-h' }, 'Karta: första omgången per kommun'));
  const mapHolder = h('div', { class: 'map-holder' }, loading('Laddar kommungränserna …'));
  const mapInfo = h('p', { class: 'map-info', 'aria-live': 'polite' }, 'Peka på eller tabba till en kommun för att se namn och omgång.');
  const legendList = h('ul', { class: 'legend', style: 'flex-direction:column;align-items:flex-start', 'aria-label': 'Teckenförklaring för kartan' },
    rounds.map((r, i) => h('li', {}, h('span', { class: 'swatch', style: `background:${colours[i]}`, 'aria-hidden': 'true' }), `${roundName(r.round)} (${plural(spread.firstRounds.filter((f) => f.firstRoundId === r.round.id).length, 'kommun', 'kommuner')})`)),
    h('li', {}, h('span', { class: 'swatch', style: `background:${NEVER};border-color:#8a8a8a`, 'aria-hidden': 'true' }), `Aldrig nådd (${plural(spread.neverReached.municipalities.length, 'kommun', 'kommuner')})`));
  mapSection.append(h('div', { class: 'map-layout' }, mapHolder, h('div', {}, h('h3', {}, 'Teckenförklaring'), legendList, mapInfo,
    spread.reachedViaPartOnly.length ? h('p', { class: 'small' }, 'Räknas inte som nådda fast en del av dem deltog: ',
      spread.reachedViaPartOnly.map((v, i) => [i ? '; ' : '', orgLink(v.municipality), ' via ', v.parts.map((p) => p.name).join(', ')])) : null)));
  body.append(mapSection);

  body.append(generationsSection(spread));
  // Tables with CSV.
  body.append(tablesSection(spread, programme, labelOf));

  const firstByCode = new Map(spread.firstRounds.map((f) => [f.organisation.id, f]));
  try {
    drawMap(mapHolder, await loadGeo(), firstByCode, colourOf, mapInfo);
  } catch (err) {
    clear(mapHolder, errorBox(err, 'Kartan kunde inte ritas'));
  }

  return () => charts.forEach((c) => c.destroy());
}

/**
 * The 2018 presentation's own count ("33 kommuner", a fact of the record with its source) beside
 * this page's count, with what each counts. Filled in when /api/facts answers.
 */
function recordCountBox(spread, programme) {
  const box = h('section', { id: 'record-count', class: 'panel small', 'aria-labelledby': 'record-count-h' });
  cached('/api/facts').then((res) => {
    const fact = res.items.find((f) => f.sources.some((s) => s.id === 'skl-2018-presentation') && /\b33\b/.test(f.says));
    if (!fact) { box.remove(); return; }
    const mk = spread.rounds.filter((r) => r.round.programmeId === 'modellkommuner' && r.round.state !== 'planned');
    const third = programme === 'modellkommuner' && mk.length >= 3 ? mk[2] : null;
    clear(box,
      h('h2', { id: 'record-count-h', style: 'margin-top:0' }, 'Källans egen siffra och sidans'),
      h('div', { class: 'cards' },
        stat(plural(Number(fact.says.match(/\b(\d+) municipalities/)?.[1] ?? 33), 'kommun', 'kommuner'), 'enligt SKL:s presentation 2018'),
        stat(plural(spread.reach.municipalities, 'kommun', 'kommuner'), spread.includesPlanned ? 'enligt den här sidan, planerade omgångar medräknade' : 'enligt den här sidan')),
      h('p', {}, fact.saysSv ?? fact.says, ' ', h('span', { class: 'muted' }, `(${fact.sources.map((s) => s.title).join('; ')})`)),
      h('p', {},
        `Skillnaden: presentationen räknar kommuner i Modellkommuners tre första omgångar${mk.length >= 3 ? ` (${mk.slice(0, 3).map((r) => r.round.label).join(', ')})` : ''}. `,
        'Sidan räknar varje kommun som själv har deltagit, som deltagare eller mentor, i någon omgång som har ägt rum (pågående eller avslutad)',
        programme ? ' i det valda programmet' : ' i alla program',
        spread.includesPlanned ? ' samt de planerade omgångarna' : '',
        '. Regioner, stadsdelar och förvaltningar räknas inte som kommuner.',
        third ? ` Efter de tre första omgångarna (till och med ${third.round.label}) räknar sidan ${plural(third.cumulative.municipalities, 'kommun', 'kommuner')}.` : ''));
  }).catch(() => box.remove());
  return box;
}

function stat(num, text) {
  return h('div', { class: 'card' }, h('span', { class: 'num' }, num), h('span', { class: 'small' }, text));
}

function chartBox(parent, id, title, description, tall = false) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': `${title}. ${description}` }, description);
  parent.append(h('figure', { class: 'panel', style: 'margin:0' }, h('figcaption', { style: 'font-weight:600;margin-bottom:0.4rem' }, title), h('div', { class: `chart-box${tall ? ' tall' : ''}` }, canvas)));
  return canvas;
}

function drawMap(holder, geo, firstByCode, colourOf, info) {
  const d3 = window.d3;
  const width = 420;
  const height = 900;
  const projection = d3.geoTransverseMercator().rotate([-15, 0]).fitExtent([[6, 6], [width - 6, height - 6]], geo);
  const path = d3.geoPath(projection);
  const svg = d3.create('svg')
    .attr('class', 'map').attr('id', 'karta').attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'group').attr('aria-label', `Karta över Sveriges ${plural(geo.features.length, 'kommun', 'kommuner')}, färgade efter första omgång`);
  const describe = (f) => {
    const first = firstByCode.get(f.properties.code);
    const name = f.properties.name;
    if (!first || !first.firstRoundId) return `${name}: aldrig nådd${first?.viaPart ? ` (${first.viaPart.part.name} deltog ${first.viaPart.roundLabel})` : ''}`;
    return `${name}: första omgång ${first.firstRoundLabel}${first.firstRoundDisputed ? ' (omstridd uppgift)' : ''}`;
  };
  svg.append('g').selectAll('path').data(geo.features).join('path')
    .attr('d', path)
    .attr('class', (f) => (firstByCode.get(f.properties.code)?.firstRoundId ? 'muni reached' : 'muni never'))
    .attr('data-code', (f) => f.properties.code)
    .attr('fill', (f) => colourOf.get(firstByCode.get(f.properties.code)?.firstRoundId) ?? NEVER)
    .attr('tabindex', (f) => (firstByCode.get(f.properties.code)?.firstRoundId ? 0 : null))
    .attr('aria-label', describe)
    .on('mouseenter focus', (event, f) => { info.textContent = describe(f); })
    .on('click', (event, f) => { location.hash = `#/organisation/${encodeURIComponent(f.properties.code)}`; })
    .on('keydown', (event, f) => { if (event.key === 'Enter') location.hash = `#/organisation/${encodeURIComponent(f.properties.code)}`; })
    .append('title').text(describe);
  clear(holder, svg.node());
}

function tablesSection(spread, programme, labelOf) {
  const csvLink = (table, what) => downloadLinks(`/api/export/${table}`, { programme }, what);
  const localCsv = (columns, rows, name) => {
    const a = h('a', { class: 'button secondary small', download: name, href: '#' }, 'Ladda ner tabellen som visas (CSV för Excel)');
    a.addEventListener('click', () => {
      // The byte-order mark lets spreadsheet programs read å, ä and ö as UTF-8.
      const blob = new Blob(['\ufeff', toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
      a.href = URL.createObjectURL(blob);
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    });
    return a;
  };
  const roundCols = [
    { label: 'Omgång', value: (r) => (r.round.state === 'planned' ? [r.round.label, ' ', h('span', { class: 'planned-tag' }, 'planerad')] : r.round.label), csv: (r) => roundName(r.round) },
    { label: 'Start', value: (r) => r.round.start ?? '–' },
    { label: 'Deltagare', num: true, value: (r) => r.counts.participants },
    { label: 'Mentorer', num: true, value: (r) => r.counts.mentors },
    { label: 'Grupper', num: true, value: (r) => r.counts.groups },
    { label: 'Nya organisationer', num: true, value: (r) => r.counts.newOrganisations },
    { label: 'Organisationer totalt', num: true, value: (r) => r.cumulative.organisations },
    { label: 'Kommuner totalt', num: true, value: (r) => r.cumulative.municipalities },
    { label: 'Andel kommuner', num: true, value: (r) => fmtPct(r.cumulative.municipalityShare), csv: (r) => r.cumulative.municipalityShare.toFixed(4) },
    { label: 'Andel befolkning', num: true, value: (r) => fmtPct(r.cumulative.populationShare), csv: (r) => r.cumulative.populationShare.toFixed(4) },
    { label: 'Andel befolkning utan omstridda', num: true, value: (r) => fmtPct(r.undisputed.cumulative.populationShare), csv: (r) => r.undisputed.cumulative.populationShare.toFixed(4) },
  ];
  const coverageCols = (first) => [
    { label: first, value: (c) => (first === 'Län' ? c.name : `${c.code} ${c.name}`) },
    { label: 'Kommuner', num: true, value: (c) => c.municipalities },
    { label: 'Nådda', num: true, value: (c) => c.reached },
    { label: 'Andel', num: true, value: (c) => fmtPct(c.share), csv: (c) => c.share.toFixed(4) },
    { label: 'Andel befolkning', num: true, value: (c) => fmtPct(c.populationShare), csv: (c) => c.populationShare.toFixed(4) },
    { label: 'Nådda utan omstridda', num: true, value: (c) => c.reachedUndisputed },
  ];
  const countyCols = [...coverageCols('Län'), { label: 'Regionen deltog', value: (c) => (c.regionReached ? 'ja' : 'nej') }];
  const kgCols = coverageCols('Kommungrupp');
  const section = h('section', { 'aria-labelledby': 'tables-h' }, h('h2', { id: 'tables-h' }, 'Siffrorna som tabeller'));
  section.append(
    h('h3', {}, 'Per omgång'), h('div', { class: 'tabs-row' }, csvLink('spread-rounds', 'alla siffror'), localCsv(roundCols, spread.rounds, `${programme || 'alla'}-spridning-omgangar.csv`)),
    table(roundCols, spread.rounds),
    h('h3', {}, 'Per län'), h('div', { class: 'tabs-row' }, csvLink('spread-counties', 'alla siffror'), localCsv(countyCols, spread.byCounty, `${programme || 'alla'}-spridning-lan.csv`)),
    table(countyCols, spread.byCounty),
    h('h3', {}, 'Per kommungrupp (2017)'), h('div', { class: 'tabs-row' }, csvLink('spread-kommungrupper', 'alla siffror'), localCsv(kgCols, spread.byKommungrupp, `${programme || 'alla'}-spridning-kommungrupper.csv`)),
    table(kgCols, spread.byKommungrupp),
    h('h3', {}, 'Varje kommun'), h('p', { class: 'small' }, `Alla ${plural(spread.totals.municipalities, 'kommun', 'kommuner')} med sin första omgång:`), h('div', { class: 'tabs-row' }, csvLink('spread-municipalities', '')),
    h('details', {}, h('summary', {}, `Aldrig nådda kommuner (${spread.neverReached.municipalities.length})`),
      h('p', { class: 'small' }, spread.neverReached.municipalities.map((m) => m.name).join(', '))),
    h('details', {}, h('summary', {}, 'Så räknas siffrorna'), h('ul', { class: 'small' }, spread.rules.map((r) => h('li', {}, reasonSv(r)))),
      h('p', { class: 'small muted' }, 'Reglerna kommer från API:t (där de står på engelska) och är översatta här.')),
  );
  void labelOf;
  return section;
}

function chainText(chain) {
  return h('li', {}, chain.organisations.map((o, i) => [
    i ? [' ', h('span', { class: `chain-link${chain.links[i - 1].disputed ? ' disputed' : ''}` }, `→ (${chain.links[i - 1].roundLabel}${chain.links[i - 1].disputed ? ', omstridd' : ''}) →`), ' '] : '',
    orgLink(o)]));
}

function generationsSection(spread) {
  const g = spread.generations;
  const d = spread.disputed;
  return h('section', { 'aria-labelledby': 'gen-h' },
    h('h2', { id: 'gen-h' }, 'Generationer och omstridda uppgifter'),
    h('div', { class: 'grid-2' },
      h('div', {},
        h('h3', {}, 'Organisationer per generation'),
        h('p', { class: 'small muted' }, 'Piloter och mentorer utan registrerad egen mentor är generation 1; den som handletts är en generation längre ned än sin mentor.'),
        h('ul', {}, g.byGeneration.map((x) => h('li', {}, `Generation ${x.generation}: ${plural(x.organisations, 'organisation', 'organisationer')}`)),
          g.withoutGeneration.length ? h('li', {}, `Utan generation (ingen registrerad mentor): ${g.withoutGeneration.length}`) : null),
        h('h3', {}, `Längsta kedjorna (${plural(g.longestChainLength, 'led', 'led')})`),
        h('ol', { class: 'chains' }, g.longestChains.slice(0, 8).map(chainText)),
        g.longestChains.length > 8 ? h('p', { class: 'small' }, `… och ${g.longestChains.length - 8} till.`) : null),
      h('div', {},
        h('h3', {}, 'Det som vilar på omstridda uppgifter'),
        h('ul', {},
          h('li', {}, outOf(d.participations.disputed, d.participations.total, 'deltagande', 'deltaganden')),
          h('li', {}, outOf(d.mentorLinks.disputed, d.mentorLinks.total, 'mentorlänk', 'mentorlänkar')),
          h('li', {}, outOf(d.groups.disputed, d.groups.total, 'grupp', 'grupper')),
          h('li', {}, 'Kommuner som bara nåtts enligt omstridda uppgifter: ',
            d.municipalitiesReachedOnlyByDisputed.length ? d.municipalitiesReachedOnlyByDisputed.map((o, i) => [i ? ', ' : '', orgLink(o)]) : 'inga')),
        d.conflicts.length ? [h('h3', {}, 'Där källorna säger emot varandra'), h('ul', { class: 'small', id: 'spread-conflicts' }, d.conflicts.map((c) => (c.aboutSv ? h('li', {}, c.aboutSv) : h('li', { lang: 'en' }, c.about))))] : null)));
}

/** "3 av 12 mentorlänkar", "1 av 1 deltagande": the noun agrees with the total. */
function outOf(part, total, one, other) {
  return `${fmtInt(part)} av ${plural(total, one, other)}`;
}
