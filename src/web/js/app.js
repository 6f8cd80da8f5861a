// Hash router: #/ (start), #/trad, #/spridning, #/ansokningar, #/forslag, #/utrullning, #/organisation/<id>, #/logg. Each page renders
// into a fresh container, so a page still loading after the user moved on writes nowhere visible.
import { currentToken, setToken } from './api.js';
import { errorBox, h } from './ui.js';
import * as start from './pages/start.js';
import * as tree from './pages/tree.js';
import * as spread from './pages/spread.js';
import * as workbench from './pages/workbench.js';
import * as rollout from './pages/rollout.js';
import * as organisation from './pages/organisation.js';
import * as applications from './pages/applications.js';
import * as audit from './pages/audit.js';

const ROUTES = {
  '': { page: start, title: 'Start' },
  trad: { page: tree, title: 'Spridningsträd' },
  spridning: { page: spread, title: 'Spridning' },
  ansokningar: { page: applications, title: 'Ansökningar' },
  forslag: { page: workbench, title: 'Förslag' },
  utrullning: { page: rollout, title: 'Utrullning' },
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

/**
 * The one sign-in of the page, in the header: a token kept in sessionStorage (this tab only) until
 * "Logga ut"; every write sends it (api.js). Reading needs none.
 */
function renderSignin() {
  const box = document.getElementById('signin');
  if (!box) return;
  const help = h('details', {}, h('summary', {}, 'Var får jag en token?'),
    h('p', {}, 'Alla kan läsa. För att räkna fram förslag, anta omgångar och annat som ändrar något behövs en token. Den som driftar tjänsten skapar en namngiven token åt dig med kommandot ',
      h('code', {}, 'npx modellkommuner tokens create --name "Ditt namn"'),
      ', eller ger dig den token som servern skriver ut när den startar. Token sparas bara i den här fliken och glöms när du loggar ut eller stänger fliken.'));
  if (currentToken()) {
    box.replaceChildren(
      h('span', { id: 'signin-status' }, 'Inloggad: ändringar görs med din token.'),
      h('button', { type: 'button', id: 'signout', onclick: () => { setToken(''); document.getElementById('signin-token')?.focus(); } }, 'Logga ut'));
    return;
  }
  const input = h('input', { id: 'signin-token', type: 'password', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'signin-note' });
  box.replaceChildren(
    h('form', { class: 'signin', style: 'margin:0', onsubmit: (e) => {
      e.preventDefault();
      const token = input.value.trim();
      if (token) { setToken(token); document.getElementById('signout')?.focus(); }
    } },
      h('label', { for: 'signin-token' }, 'Token'), input,
      h('button', { type: 'submit', id: 'signin-button' }, 'Logga in'),
      h('span', { id: 'signin-note', class: 'small' }, 'Behövs bara för att ändra något.')),
    help);
}
window.addEventListener('tokenchange', renderSignin);
renderSignin();

window.addEventListener('hashchange', navigate);
if (!window.d3 || !window.Chart) {
  document.getElementById('main').replaceChildren(
    h('p', { class: 'error', role: 'alert' }, 'Biblioteken d3 och Chart.js kunde inte laddas från servern (/vendor/). Kör npm ci och starta om servern.'));
} else {
  navigate();
}
