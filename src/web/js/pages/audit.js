// Logg: the audit log of writes (who, when, what, with which outcome), newest first. Reading it
// needs a token, as it names people; the page uses the token of the header's sign-in.
import { api, currentToken, qs } from '../api.js';
import { plural } from '../i18n/plural.js';
import { errorBox, h, loading, table } from '../ui.js';

const PAGE = 50;
const OUTCOME_SV = { done: 'genomförd', refused: 'avvisad', failed: 'misslyckades' };
const METHOD_SV = { POST: 'skapa/ändra', PUT: 'ersätta', PATCH: 'ändra', DELETE: 'ta bort' };
const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium' });

export async function render(root, { params }) {
  root.append(
    h('h1', {}, 'Logg över ändringar'),
    h('p', { class: 'lead' }, 'Varje försök att skriva till tjänsten loggas: vem (namnet på den som äger token), när, vad och med vilket utfall. Avvisade försök visas också.'),
  );
  const token = currentToken();
  if (!token) {
    root.append(h('p', { class: 'status' }, 'Loggen visas bara för den som är inloggad, eftersom den namnger personer. Logga in med din token högst upp på sidan.'));
    const again = () => { if (currentToken()) window.dispatchEvent(new HashChangeEvent('hashchange')); };
    window.addEventListener('tokenchange', again);
    return () => window.removeEventListener('tokenchange', again);
  }
  const offset = Math.max(0, Number.parseInt(params.fran ?? '0', 10) || 0);
  const body = h('div', {}, loading('Laddar loggen …'));
  root.append(body);
  try {
    const page = await api(`/api/audit${qs({ limit: PAGE, offset })}`, { token });
    body.replaceChildren(
      h('p', { role: 'status' }, page.total === 0
        ? 'Inga skrivningar är loggade ännu.'
        : `${plural(page.total, 'loggad skrivning', 'loggade skrivningar')}; visar ${offset + 1}–${offset + page.items.length}.`),
      page.items.length ? table([
        { label: 'Tid', value: (e) => when.format(new Date(e.at)) },
        { label: 'Vem', value: (e) => e.actor === '(not signed in)' ? 'ej inloggad' : e.actor === 'bootstrap (API_TOKEN)' ? 'start-token (API_TOKEN)' : e.actor },
        { label: 'Åtgärd', value: (e) => `${METHOD_SV[e.method] ?? e.method} ${e.route}` },
        { label: 'Mål', value: (e) => e.target ?? '–' },
        { label: 'Utfall', value: (e) => `${OUTCOME_SV[e.outcome] ?? e.outcome} (${e.status})` },
      ], page.items, 'Skrivningar, senaste först') : null,
      pager(offset, page.total),
    );
  } catch (err) {
    body.replaceChildren(errorBox(err, 'Loggen kunde inte hämtas'));
  }
}

function pager(offset, total) {
  const links = [];
  if (offset > 0) links.push(h('a', { href: `#/logg?fran=${Math.max(0, offset - PAGE)}` }, '← Nyare'));
  if (offset + PAGE < total) links.push(h('a', { href: `#/logg?fran=${offset + PAGE}` }, 'Äldre →'));
  return links.length ? h('nav', { 'aria-label': 'Bläddra i loggen', class: 'pager' }, links.flatMap((a, i) => (i ? [' · ', a] : [a]))) : null;
}
