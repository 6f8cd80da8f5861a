// Hash router: #/ (start), #/trad, #/spridning, #/forslag, #/organisation/<id>, #/logg. Each page renders
// into a fresh container, so a page still loading after the user moved on writes nowhere visible.
import { errorBox, h } from './ui.js';
import * as start from './pages/start.js';
import * as tree from './pages/tree.js';
import * as spread from './pages/spread.js';
import * as workbench from './pages/workbench.js';
import * as organisation from './pages/organisation.js';
import * as audit from './pages/audit.js';

const ROUTES = {
  '': { page: start, title: 'Start' },
  trad: { page: tree, title: 'Spridningsträd' },
  spridning: { page: spread, title: 'Spridning' },
  forslag: { page: workbench, title: 'Förslag' },
  organisation: { page: organisation, title: 'Organisation' },
  logg: { page: audit, title: 'Logg' },
};

let cleanup = null;

/** '#/organisation/0127?x=1' → { route: 'organisation', rest: ['0127'], params: {x: '1'} } */
export function parseHash(hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { route: parts[0] ?? '', rest: parts.slice(1), params: Object.fromEntries(new URLSearchParams(query)) };
}

async function navigate() {
  const main = document.getElementById('main');
  const { route, rest, params } = parseHash(location.hash);
  const entry = ROUTES[route];
  if (typeof cleanup === 'function') {
    try { cleanup(); } catch { /* a failing cleanup must not block the next page */ }
  }
  cleanup = null;
  for (const a of document.querySelectorAll('.nav a')) {
    if (a.dataset.route === (route || 'start')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const container = h('div', { class: `page page-${route || 'start'}` });
  main.replaceChildren(container);
  if (!entry) {
    document.title = 'Sidan finns inte – Modellkommuner';
    container.append(h('h1', {}, 'Sidan finns inte'), h('p', {}, 'Adressen ', h('code', {}, location.hash), ' leder ingenstans. Välj en sida i menyn.'));
    return;
  }
  document.title = `${entry.title} – Modellkommuner`;
  if (navigate.started) main.focus({ preventScroll: false });
  navigate.started = true;
  main.setAttribute('aria-busy', 'true');
  try {
    cleanup = await entry.page.render(container, { rest, params });
  } catch (err) {
    container.append(errorBox(err, 'Sidan kunde inte visas'));
  } finally {
    // Tests and assistive technology can tell when the page has finished loading.
    main.setAttribute('aria-busy', 'false');
    container.dataset.ready = 'true';
  }
}

window.addEventListener('hashchange', navigate);
if (!window.d3 || !window.Chart) {
  document.getElementById('main').replaceChildren(
    h('p', { class: 'error', role: 'alert' }, 'Biblioteken d3 och Chart.js kunde inte laddas från servern (/vendor/). Kör npm ci och starta om servern.'));
} else {
  navigate();
}
