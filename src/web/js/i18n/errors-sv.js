// Swedish for every error the page can meet: each API error code (src/http/error-handler.ts and
// the codes the services add), a network failure, and any other HTTP status. The API's English
// message is never shown: a known template is translated (reasons-sv.js), anything else gets the
// code's own Swedish sentence. For invalid input the fields at fault are named with the labels the
// page uses, and the validator's complaint ("Too small: expected number to be >=1") in Swedish.
// Plain ES module without DOM use, so unit tests can import it in Node.
import { reasonSv } from './reasons-sv.js';

/** One Swedish sentence per error code; `network` is the page's own code for an unreachable server. */
export const ERROR_SV = {
  invalid_input: 'Uppgifterna som skickades är inte giltiga.',
  unauthorized: 'Du behöver logga in för att ändra något: fyll i din token i fältet ”Token” högst upp på sidan.',
  forbidden: 'Token godtogs inte. Logga ut och logga in igen med en giltig token.',
  not_found: 'Det du söker finns inte (adressen kan vara fel, eller så har uppgiften tagits bort).',
  conflict: 'Ändringen krockar med något som redan är sparat (till exempel en omgång med samma beteckning). Ladda om sidan och försök igen.',
  unknown_ids: 'Några av organisationerna finns inte i registret.',
  infeasible: 'Reglerna går inte att uppfylla samtidigt.',
  unprocessable: 'Det här kan inte göras som det står: något behöver ändras eller bekräftas först (se detaljerna).',
  unavailable: 'Tjänsten är inte tillgänglig just nu (databasen svarar inte). Försök igen om en stund.',
  busy: 'Servern är upptagen med andra beräkningar. Försök igen om en stund.',
  rate_limited: 'För många förfrågningar på kort tid. Vänta en stund och försök igen.',
  payload_too_large: 'Det som skickades är för stort för servern.',
  unsupported_media_type: 'Servern kunde inte läsa formatet på det som skickades.',
  uri_too_long: 'Adressen är för lång (ett id får ha högst 100 tecken).',
  headers_too_large: 'Förfrågan hade för stora huvuden. Ladda om sidan och försök igen.',
  method_not_allowed: 'Den åtgärden går inte att göra på den här adressen.',
  not_acceptable: 'Servern kan bara svara i JSON (och CSV för nedladdningar).',
  timeout: 'Förfrågan tog för lång tid att komma fram. Försök igen.',
  internal: 'Ett oväntat fel uppstod i tjänsten. Försök igen; om felet finns kvar, kontakta den som driftar tjänsten.',
  network: 'Kunde inte nå servern. Kontrollera nätverket och att servern är igång, och försök igen.',
};

const CRITERION = { geography: 'geografi', focus: 'fokusområden', size: 'storlek', kommungrupp: 'kommungrupp', history: 'historik', delegation: 'delegation' };

/** Field paths as the API names them (body, query or path) → the labels on the page. */
const FIELD = {
  programme: 'Program',
  round: 'Omgångens beteckning',
  seed: 'Startvärde för slumpen',
  note: 'Anteckning',
  applicants: 'Sökande',
  mentors: 'Mentorer',
  weights: 'Vikter',
  rules: 'Regler',
  'rules.groupSize': 'Gruppstorlek',
  'rules.county': 'Län i gruppen',
  'rules.kinds': 'Organisationstyper',
  'rules.mentorRequired': 'Varje grupp måste ha en mentor',
  'rules.noRepeatGroupings': 'Upprepa inte tidigare grupperingar',
  'rules.supportingMentors': 'Stödjande mentorer',
  'rules.pin': 'Låsta par',
  'rules.forbid': 'Förbjudna par',
  'rules.pinMentor': 'Låsta mentorer',
  penalties: 'Straff',
  'penalties.unmentoredGroup': 'Straff för grupp utan mentor',
  'penalties.unplacedApplicant': 'Straff för oplacerad sökande',
  capacity: 'Grupper per mentor',
  target: 'Mål',
  force: 'Tänk om: par',
  forbid: 'Tänk om: par',
  k: 'Antal',
  q: 'Sökord',
  limit: 'Antal träffar',
  offset: 'Startposition',
  id: 'Id',
  county: 'Län',
  kommungrupp: 'Kommungrupp',
  kind: 'Typ',
  startMonth: 'Startmånad',
  start: 'Start',
  name: 'Namn',
  body: 'Innehållet',
  querystring: 'Adressens parametrar',
  params: 'Adressen',
};

/**
 * "mentors.1.capacity", "mentors[1].capacity", "weights.focus" → "Kapacitet för mentor nr 2",
 * "Vikt för fokusområden". Unknown paths come back as they are (they are the API's names).
 */
export function fieldLabelSv(path) {
  if (typeof path !== 'string' || path === '') return '';
  const p = path.replace(/\[(\d+)\]/g, '.$1');
  let m;
  if ((m = /^(applicants|mentors)\.(\d+)(?:\.(\w+))?/.exec(p))) {
    const who = `${m[1] === 'applicants' ? 'sökande' : 'mentor'} nr ${Number(m[2]) + 1}`;
    const part = { id: 'Id för', capacity: 'Kapacitet för', focus: 'Fokusområden för', delegation: 'Delegation för' }[m[3] ?? ''];
    return part ? `${part} ${who}` : who[0].toUpperCase() + who.slice(1);
  }
  if ((m = /^weights\.(\w+)$/.exec(p))) return `Vikt för ${CRITERION[m[1]] ?? m[1]}`;
  if ((m = /^(rules\.(?:pin|forbid|pinMentor))\.(\d+)/.exec(p))) return `${FIELD[m[1]]}, nr ${Number(m[2]) + 1}`;
  if ((m = /^rules\.groupSize\.(\d)$/.exec(p))) return m[1] === '0' ? 'Minsta gruppstorlek' : 'Största gruppstorlek';
  return FIELD[p] ?? FIELD[p.replace(/\.\d+$/, '')] ?? path;
}

const TYPE = { number: 'ett tal', string: 'text', boolean: 'ja eller nej', array: 'en lista', object: 'ett objekt', integer: 'ett heltal', undefined: 'inget värde', null: 'inget värde' };
const num = (s) => String(s).replace(/(\d)\.(\d)/g, '$1,$2');

/** The validator's complaints (zod) → Swedish; null when not recognised. */
const COMPLAINTS = [
  [/^Too small: expected (?:number|int|bigint) to be >=?\s*(-?[\d.]+)$/, (m) => `måste vara minst ${num(m[1])}`],
  [/^Too small: expected (?:number|int|bigint) to be >\s*(-?[\d.]+)$/, (m) => `måste vara större än ${num(m[1])}`],
  [/^Too big: expected (?:number|int|bigint) to be <=?\s*(-?[\d.]+)$/, (m) => `får vara högst ${num(m[1])}`],
  [/^Too big: expected (?:number|int|bigint) to be <\s*(-?[\d.]+)$/, (m) => `måste vara mindre än ${num(m[1])}`],
  [/^Too small: expected string to have >=?\s*1 characters?$/, () => 'får inte vara tom'],
  [/^Too small: expected string to have >=?\s*(\d+) characters?$/, (m) => `måste ha minst ${m[1]} tecken`],
  [/^Too big: expected string to have <=?\s*(\d+) characters?$/, (m) => `får ha högst ${m[1]} tecken`],
  [/^Too small: expected array to have >=?\s*(\d+) items?$/, (m) => `måste ha minst ${m[1]} ${Number(m[1]) === 1 ? 'post' : 'poster'}`],
  [/^Too big: expected array to have <=?\s*(\d+) items?$/, (m) => `får ha högst ${m[1]} ${Number(m[1]) === 1 ? 'post' : 'poster'}`],
  [/^Invalid input: expected (\w+), received (undefined|null)$/, () => 'saknas'],
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `ska vara ${TYPE[m[1]] ?? m[1]}, inte ${TYPE[m[2]] ?? m[2]}`],
  [/^Invalid input: expected (\w+)$/, (m) => `ska vara ${TYPE[m[1]] ?? m[1]}`],
  [/^Invalid input: expected int, received number$/, () => 'ska vara ett heltal'],
  [/^Invalid option: expected one of (.+)$/, (m) => `måste vara ett av ${m[1].replace(/"/g, '').split('|').join(', ')}`],
  [/^Unrecognized keys?: (.+)$/, (m) => `okänt fält ${m[1].replace(/"/g, '')}`],
  [/^Invalid (?:string|input)(?:: .*)?$/, () => 'har fel form'],
  [/^Required$/, () => 'saknas'],
  // The service's own bounds (src/services/input-bounds.ts).
  [/^must be at most the number of applicants \((\d+)\)$/, (m) => `får vara högst antalet sökande (${m[1]})`],
  [/^must be at most (-?[\d.]+)$/, (m) => `får vara högst ${num(m[1])}`],
  [/^must be at least (-?[\d.]+)$/, (m) => `måste vara minst ${num(m[1])}`],
  [/^must be a whole number$/, () => 'ska vara ett heltal'],
  [/^must not be empty$/, () => 'får inte vara tom'],
  [/^must have at least (\d+) characters$/, (m) => `måste ha minst ${m[1]} tecken`],
  [/^must be at most (\d+) characters long$/, (m) => `får ha högst ${m[1]} tecken`],
  [/^must not contain control characters/, () => 'får inte innehålla styrtecken (som NUL, tabb eller radbrytning)'],
  [/^must have at most (\d+) items$/, (m) => `får ha högst ${m[1]} ${Number(m[1]) === 1 ? 'post' : 'poster'}`],
  [/^must list at least one \w+$/, () => 'måste ha minst en post'],
  [/^give exactly one of "force" or "forbid"$/, () => 'ange exakt ett av de två: para ihop eller håll isär'],
  [/^key not allowed$/, () => 'fältnamnet är inte tillåtet'],
  [/^not valid JSON$/, () => 'är inte giltig JSON'],
  [/^not a finite number$/, () => 'är inte ett ändligt tal'],
  [/^must be a 2-digit länskod$/, () => 'ska vara en tvåsiffrig länskod'],
  [/^must be a kommungrupp .*$/, () => 'ska vara en kommungrupp (t.ex. B3) eller huvudgrupp (A, B, C)'],
  [/^must be 2017 or 2023$/, () => 'ska vara 2017 eller 2023'],
  [/^invalid$/, () => 'har fel värde'],
  [/^required$/, () => 'saknas'],
];

/** One detail message in Swedish, or null when neither the validator's nor the core's wording is known. */
export function complaintSv(message) {
  if (typeof message !== 'string' || message === '') return null;
  for (const [re, fn] of COMPLAINTS) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  const translated = reasonSv(message);
  return translated !== message ? translated : null;
}

/** Whether a text has been translated: the core's templates come back changed, unknown ones unchanged. */
function translated(message) {
  if (typeof message !== 'string' || message === '') return null;
  const sv = reasonSv(message);
  return sv !== message ? sv : null;
}

/**
 * The Swedish message and the Swedish detail lines for an error (an ApiError, or any Error).
 * `{ message, details: string[] }`; never English from the API.
 */
export function describeErrorSv(err) {
  const code = err?.code ?? (err?.status === 0 ? 'network' : null);
  const details = Array.isArray(err?.details) ? err.details.slice(0, 8) : [];
  if (code === 'invalid_input') {
    const lines = details.filter((d) => d && (d.field || d.message)).map((d) => {
      const label = fieldLabelSv(d.field);
      const what = complaintSv(d.message) ?? 'har fel värde';
      return label ? `${label}: ${what}` : what;
    });
    const fields = [...new Set(details.map((d) => fieldLabelSv(d.field)).filter(Boolean))];
    const message = translated(err.message)
      ?? (fields.length === 1 ? `Fältet ”${fields[0]}” har fel värde.` : fields.length > 1 ? `Fälten ${fields.map((f) => `”${f}”`).join(', ')} har fel värden.` : ERROR_SV.invalid_input);
    return { message, details: lines };
  }
  if (code === 'unknown_ids') {
    const ids = details.flatMap((d) => d.values ?? []).filter((v) => typeof v === 'string');
    return { message: ids.length ? `${ERROR_SV.unknown_ids} Okända id: ${[...new Set(ids)].join(', ')}.` : ERROR_SV.unknown_ids, details: [] };
  }
  if (code === 'infeasible') {
    return { message: translated(err.message) ?? ERROR_SV.infeasible, details: details.map((d) => complaintSv(d.message)).filter(Boolean) };
  }
  if (code === 'unauthorized' || code === 'forbidden') return { message: ERROR_SV[code], details: [] };
  if (code && Object.prototype.hasOwnProperty.call(ERROR_SV, code)) {
    return { message: translated(err.message) ?? ERROR_SV[code], details: [] };
  }
  if (err && typeof err.status === 'number' && err.status > 0) {
    return { message: `Servern svarade med ett fel (status ${err.status}). Försök igen om en stund.`, details: [] };
  }
  // A fault of the page itself: its (English) text helps no reader.
  return { message: 'Ett oväntat fel uppstod på sidan. Ladda om sidan och försök igen.', details: [] };
}
