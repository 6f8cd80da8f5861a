// Start page: what the page is for, where to go, and the one glossary of domain words.
import { api, cached, qs } from '../api.js';
import { plural } from '../i18n/plural.js';
import { errorBox, fmtInt, h, programmeName, STATUS_SV, withSourceTitles } from '../ui.js';

export const GLOSSARY = [
  ['Kommun', 'En av Sveriges 290 kommuner (municipality), med en fyrsiffrig kommunkod, t.ex. 0380 Uppsala.'],
  ['Län', 'Ett av Sveriges 21 län (county); regionen är länets självstyrande organisation. Länskoden har två siffror, t.ex. 03 Uppsala län.'],
  ['Kommungrupp', 'SKR:s indelning av kommunerna i nio grupper efter struktur (storstäder, pendlingskommuner, landsbygdskommuner …), här 2017 års version, t.ex. B3 Större stad.'],
  ['Omgång', 'En runda av programmet (round): deltagarna jämför sig med varandra i grupper om två eller tre i ungefär ett år (två år från 2023).'],
  ['Benchmarkinggrupp', 'Två eller tre deltagare som systematiskt jämför sina arbetssätt under en omgång.'],
  ['Mentor', 'En organisation som har deltagit i en tidigare omgång och stöttar en grupp i en senare. Medmentor delar gruppen med en annan mentor; stödjande mentor ("med stöd av") backar upp en mentor.'],
  ['Kohort', 'En mentors uppdrag i en omgång: mentorn, eventuella med- och stödjande mentorer och de deltagare mentorn stöttar.'],
  ['Spridningsträd (linje)', 'Vem som lärde sig av vem, omgång efter omgång: piloten handledde 2017 års deltagare, som handledde nästa omgång, och så vidare (t.ex. Eskilstuna → Uppsala → Botkyrka).'],
  ['Omstridd', 'Källorna säger emot varandra om uppgiften (t.ex. vem som var Uppsalas mentor 2017). Båda uppgifterna behålls och visas med sina källor.'],
];

export async function render(root) {
  root.append(
    h('h1', {}, 'Modellkommuner – spridning och planering'),
    h('p', { class: 'lead' },
      'SKR:s program Modellkommuner (från 2023 Modellkoncept för jämställdhet) sprider jämställdhetsintegrering mellan kommuner och regioner genom benchmarking med mentorer. Här kan du följa hur programmet har spridits och förbereda nästa omgång.'),
    h('div', { class: 'cards' },
      card('#/trad', 'Spridningsträd', 'Vem som handledde vem, omgång för omgång; omstridda länkar med sina källor.'),
      card('#/spridning', 'Spridning', 'Diagram, karta och tabeller: hur många som nåtts, per län och kommungrupp, andel av befolkningen.'),
      card('#/forslag', 'Förslag', 'Arbetsbänk för nästa omgång: sökande, mentorer, vikter och regler, grupper med motiveringar.'),
      card('#/organisation', 'Organisation', 'En organisations uppgifter, deltagande, jämförbara organisationer och linje.')),
  );
  const overview = h('section', { 'aria-labelledby': 'overview-h' }, h('h2', { id: 'overview-h' }, 'Omgångarna i korthet'), h('p', { class: 'status', role: 'status' }, 'Laddar omgångar …'));
  const programmesSection = h('section', { 'aria-labelledby': 'programmes-h', id: 'programmes' }, h('h2', { id: 'programmes-h' }, 'Programmen'), h('p', { class: 'status', role: 'status' }, 'Laddar programmen …'));
  root.append(overview, programmesSection);
  root.append(
    h('section', { 'aria-labelledby': 'glossary-h', id: 'ordlista' },
      h('h2', { id: 'glossary-h' }, 'Ordlista'),
      h('dl', { class: 'glossary' }, GLOSSARY.flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text)]))),
  );
  try {
    const rounds = await api(`/api/rounds${qs({ programme: 'modellkommuner' })}`);
    overview.replaceChildren(overview.firstChild,
      h('ul', {}, rounds.items.map((r) => h('li', {},
        h('strong', {}, r.label), `: ${plural(r.participantCount, 'deltagare', 'deltagare')}, ${plural(r.mentorCount, 'mentor', 'mentorer')}, ${plural(r.groupCount, 'grupp', 'grupper')}`,
        r.disputedFactCount ? ` (${plural(r.disputedFactCount, 'omstridd uppgift', 'omstridda uppgifter')})` : '',
        // Every state shows here, and only here do cancelled and superseded rounds appear (with why).
        r.state !== 'completed' ? h('span', { class: `small round-state state-${r.state}` }, ` – ${STATUS_SV[r.state] ?? r.state}${r.start && r.state === 'planned' ? `, start ${r.start}` : ''}${r.stateReason ? `: ${r.stateReason}` : ''}`) : ''))));
  } catch (err) {
    overview.replaceChildren(overview.firstChild, errorBox(err, 'Omgångarna kunde inte hämtas'));
  }
  try {
    const [programmes, sources] = await Promise.all([cached('/api/programmes'), cached('/api/sources').catch(() => ({ items: [] }))]);
    const byId = new Map(sources.items.map((x) => [x.id, x]));
    programmesSection.replaceChildren(programmesSection.firstChild,
      h('dl', { class: 'glossary', id: 'programme-list' }, programmes.items.flatMap((p) => [
        h('dt', {}, programmeName(p)),
        h('dd', {},
          p.organiser ? h('div', { class: 'small muted' }, `Drivs av ${organiserSv(p.organiser)}; ${plural(p.roundCount, 'registrerad omgång', 'registrerade omgångar')}, ${plural(p.organisationCount, 'organisation', 'organisationer')}.`) : null,
          p.conceptSv ? withSourceTitles(p.conceptSv, byId) : p.concept ? h('span', { lang: 'en' }, p.concept) : null),
      ])));
  } catch (err) {
    programmesSection.replaceChildren(programmesSection.firstChild, errorBox(err, 'Programmen kunde inte hämtas'));
  }
}

function card(href, title, text) {
  return h('div', { class: 'card' }, h('h2', { class: 'card-title', style: 'margin-top:0' }, h('a', { href }, title)), h('p', { class: 'small', style: 'margin:0' }, text));
}

/** The record names organisers in English where a period is meant ("SKR (SKL until 2019)"). */
function organiserSv(text) {
  return text.replace(/\buntil\b/g, 'till');
}
