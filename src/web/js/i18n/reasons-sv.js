// Swedish for the English texts the core and the API emit (score reasons, unplaced and optimality
// reasons, infeasibility explanations, the spread rules, the objective, refusals). The API keeps
// its English; the page translates at display time by matching the core's templates, with the
// numbers and names they carry. Anything not recognised comes back unchanged, and a failing
// pattern never throws: a new or changed template shows in English instead of breaking the page.
// Plain ES module without DOM use, so unit tests can import it in Node.

const KIND = { kommun: 'kommun', region: 'region', stadsdel: 'stadsdel', forbund: 'förbund', forvaltning: 'förvaltning', unknown: 'okänd typ' };

/** Decimal point → decimal comma (numbers only, so names and ids are left alone). */
const dec = (s) => String(s).replace(/(\d)\.(\d)/g, '$1,$2');
const big = (n) => Number(n).toLocaleString('sv-SE');
const plural = (n, one, many) => (Number(n) === 1 ? one : many);
const omg = (n) => `${n} ${plural(n, 'omgång', 'omgångar')}`;
const grupp = (n) => `${n} ${plural(n, 'grupp', 'grupper')}`;
/** "A and B" (the core's name lists) → "A och B". */
const och = (list) => list.split(' and ').join(' och ');

/** The rules as the core names them → the words the workbench uses for them. */
const RULE = {
  'rules.forbid': 'förbjudna par',
  'rules.pin': 'låsta par',
  'rules.pinMentor': 'låsta mentorer',
  'rules.mentorRequired': 'kravet att varje grupp har en mentor',
  'rules.noRepeatGroupings': 'regeln att inte upprepa tidigare grupperingar',
  'rules.kinds': 'regeln om organisationstyper',
  'rules.county=same': 'regeln samma län',
  'rules.county=different': 'regeln olika län',
  'rules.county': 'regeln om län',
  'rules.groupSize': 'gruppstorleken',
  'rules.supportingMentors': 'stödjande mentorer',
  mentors: 'mentorerna',
  applicants: 'sökande',
  programme: 'program',
  round: 'omgångens beteckning',
};
function ruleSv(r) {
  const m = /^(applicants|mentors)\[(\d+)\]\.(id|capacity)$/.exec(r);
  if (m) return `${m[1] === 'applicants' ? 'sökande' : 'mentor'} nr ${Number(m[2]) + 1}${m[3] === 'capacity' ? ', kapacitet' : ''}`;
  return RULE[r] ?? RULE[r.replace(/\[\d+\]$/, '')] ?? r;
}
/** "[2,3]" → "2–3". */
const sizeSv = (json) => json.replace(/^\[(\d+),\s*(\d+)\]$/, (_, a, b) => (a === b ? a : `${a}–${b}`));

/** County names by code, set by the page once /api/counties has answered (codes are jargon). */
const countyNames = new Map();
export function setCountyNames(entries) {
  for (const [code, name] of entries) countyNames.set(code, name);
}
const län = (code) => countyNames.get(code) ?? `länet med kod ${code}`;

function countySv(text) {
  let m;
  if (text === 'unknown county') return 'okänt län';
  if ((m = /^same county (\S+)$/.exec(text))) return `samma län (${län(m[1])})`;
  if ((m = /^neighbouring counties (\S+)\/(\S+)$/.exec(text))) return `angränsande län (${län(m[1])} och ${län(m[2])})`;
  if ((m = /^non-neighbouring counties (\S+)\/(\S+)$/.exec(text))) return `län som inte gränsar till varandra (${län(m[1])} och ${län(m[2])})`;
  return null;
}

/** "Name (kind) and Name (kind)" → Swedish kinds and "och". */
const namesWithKind = (list) => och(list).replace(/\((kommun|region|stadsdel|forbund|forvaltning|unknown)\)/g, (_, k) => `(${KIND[k]})`);

/** The parts of a matching-instance conflict (explainInfeasible, and its details). */
const RULE_PARTS = [
  [/^rules\.pin \((.+)\)$/, (m) => `låsta par (${m[1]})`],
  [/^rules\.pinMentor \((.+)\)$/, (m) => `låsta mentorer (${m[1]})`],
  [/^mentor capacities \(no mentors\)$/, () => 'mentorernas kapacitet (inga mentorer)'],
  [/^mentor capacities \((.+)\)$/, (m) => `mentorernas kapacitet i grupper (${m[1]})`],
  [/^rules\.groupSize (\[\d+,\s*\d+\])$/, (m) => `gruppstorleken ${sizeSv(m[1])}`],
  [/^(rules\.[A-Za-z]+(?:=[a-z]+)?)$/, (m) => (RULE[m[1]] ? RULE[m[1]] : null)],
];

/** One reason (or one '; '-separated part of a reason). */
const PIECES = [
  // Geography.
  [/^unknown location \(no coordinates, no county\)$/, () => 'okänd plats (varken koordinater eller län)'],
  [/^unknown distance \(no coordinates\)$/, () => 'okänt avstånd (koordinater saknas)'],
  [/^(\d+) km apart, (.+)$/, (m) => { const c = countySv(m[2]); return c ? `${m[1]} km från varandra, ${c}` : null; }],
  [/^(?:unknown county|(?:non-)?neighbouring counties \S+|same county \S+)$/, (m) => countySv(m[0])],
  // Size.
  [/^unknown population for (.+)$/, (m) => `okänt invånarantal för ${och(m[1])}`],
  [/^populations ([\d ]+) and ([\d ]+) \(ratio ([\d.]+)\)$/, (m) => `${m[1]} och ${m[2]} invånare (kvot ${dec(m[3])})`],
  // Kommungrupp.
  [/^unknown kommungrupp for (.+)$/, (m) => `okänd kommungrupp för ${namesWithKind(m[1])}`],
  [/^same kommungrupp (\S+)$/, (m) => `samma kommungrupp (${m[1]})`],
  [/^same main group (\S+) \((\S+) and (\S+)\)$/, (m) => `samma huvudgrupp ${m[1]} (${m[2]} och ${m[3]})`],
  [/^different main groups \((\S+) and (\S+)\)$/, (m) => `olika huvudgrupper (${m[1]} och ${m[2]})`],
  // Focus.
  [/^unknown focus for (.+)$/, (m) => `inga fokusområden angivna för ${och(m[1])}`],
  [/^shared focus: (.+) \((\d+)\/(\d+)\)$/, (m) => `gemensamma fokusområden: ${m[1]} (${m[2]} av ${m[3]})`],
  [/^no shared focus area$/, () => 'inget gemensamt fokusområde'],
  // History between two applicants.
  [/^grouped together before \((.+)\)$/, (m) => `har varit i samma grupp förut (${m[1]})`],
  [/^never grouped together$/, () => 'har inte varit i samma grupp förut'],
  // A mentor's history.
  [/^unknown history for (.+) \(no recorded round of (.+)\)$/, (m) => `okänd historik för ${m[1]} (ingen registrerad omgång i ${m[2]})`],
  [/^(\d+) round\(s\) as participant, (\d+) as mentor$/, (m) => `${omg(m[1])} som deltagare, ${m[2]} som mentor`],
  [/^active in the latest round$/, () => 'aktiv i den senaste omgången'],
  [/^(\d+) round\(s\) since last active$/, (m) => `${omg(m[1])} sedan den senast var aktiv`],
  [/^mentored (\d+) group\(s\) in the latest round$/, (m) => `mentor för ${grupp(m[1])} i den senaste omgången`],
  [/^no mentor load in the latest round$/, () => 'inget mentorsuppdrag i den senaste omgången'],
  [/^already worked with (.+) \((.+)\)$/, (m) => `har redan arbetat med ${m[1]} (${m[2]})`],
  // Delegation.
  [/^unknown delegations of (.+)$/, (m) => `okända delegationer för ${och(m[1])}`],
  [/^unknown delegation of (.+)$/, (m) => `okänd delegation för ${m[1]}`],
  [/^(.+): (\d)\/3 core roles(?: \(missing ([^)]+)\))?(?:, also (.+))?$/, (m) =>
    `${m[1]}: ${m[2]} av 3 kärnroller${m[3] ? ` (saknar ${m[3]})` : ''}${m[4] ? `, även ${m[4]}` : ''}`],
  // Partner wishes ("gärna med").
  [/^no partner wish between (.+) and (.+)$/, (m) => `ingen önskan om att vara i grupp mellan ${m[1]} och ${m[2]}`],
  [/^(.+) and (.+) wish to be grouped together$/, (m) => `${m[1]} och ${m[2]} vill gärna vara i samma grupp`],
  [/^(.+) wishes to be grouped with (.+)$/, (m) => `${m[1]} vill gärna vara i grupp med ${m[2]}`],
  // Similarity.
  [/^unknown density \(population or area missing\)$/, () => 'okänd befolkningstäthet (invånarantal eller areal saknas)'],
  [/^density ([\d.]+) and ([\d.]+) inhabitants\/km²$/, (m) => `${dec(m[1])} och ${dec(m[2])} invånare/km²`],
  // Group reasons without a mentor.
  [/^no mentor \(penalty ([\d.]+)\)$/, (m) => `ingen mentor (straff ${dec(m[1])})`],
  // Error details.
  [/^every group must have a mentor$/, () => 'varje grupp måste ha en mentor'],
  [/^total capacity (\d+)$/, (m) => `total kapacitet ${grupp(m[1])}`],
  [/^maximum (\d+)$/, (m) => `högst ${m[1]}`],
  [/^mentor without capacity$/, () => 'mentor utan kapacitet'],
  [/^more pinned applicants than the mentor can take$/, () => 'fler låsta sökande än mentorn kan ta'],
  [/^pinned group larger than the maximum group size$/, () => 'den låsta gruppen är större än den största gruppstorleken'],
  [/^pinned pair breaks a rule$/, () => 'det låsta paret bryter mot en regel'],
  [/^two mentors pinned to one group$/, () => 'två mentorer låsta till samma grupp'],
  [/^pinned mentor is forbidden with a group member$/, () => 'den låsta mentorn är förbjuden tillsammans med en gruppmedlem'],
  [/^no feasible proposal found$/, () => 'inget förslag som uppfyller reglerna hittades'],
  [/^not an applicant of this instance$/, () => 'är inte sökande i förslaget'],
  [/^not a mentor of this instance$/, () => 'är inte mentor i förslaget'],
  [/^not an applicant or mentor of this instance$/, () => 'är varken sökande eller mentor i förslaget'],
  [/^unknown organisation$/, () => 'okänd organisation'],
  [/^unknown kommungrupp$/, () => 'okänd kommungrupp'],
  [/^unknown target form$/, () => 'okänd form på målet'],
  [/^excludes the pinned pair$/, () => 'utesluter det låsta paret'],
  [/^required to accept$/, () => 'krävs för att anta förslaget'],
  ...RULE_PARTS,
];

/** Whole texts: composite reasons, explanations and fixed sentences, tried before splitting. */
const WHOLE = [
  // Group reasons: "A–B 0.812: r1; r2" and "mentor M→A 0.700: r1; r2".
  [/^mentor (.+?)→(.+) (-?\d+\.\d+): (.*)$/s, (m) => `Mentor ${m[1]} → ${m[2]} ${dec(m[3])}: ${piecesSv(m[4])}`],
  [/^(.+?)–(.+) (-?\d+\.\d+): (.*)$/s, (m) => `${m[1]}–${m[2]} ${dec(m[3])}: ${piecesSv(m[4])}`],
  // Why an applicant is unplaced.
  [/^no admissible partner among the other (\d+) applicants \((.+)\)$/, (m) =>
    m[2] === 'no other applicant'
      ? 'det finns ingen annan sökande att bilda grupp med'
      : `ingen tillåten partner bland ${m[1] === '1' ? 'den enda andra sökande' : `de ${m[1]} andra sökande`} (${m[2].split(', ').map(excludesSv).join(', ')})`],
  [/^rules\.mentorRequired is set and every mentor's capacity is used; its (\d+) admissible partner\(s\) are in full groups or mentored elsewhere$/, (m) =>
    `varje grupp måste ha en mentor och alla mentorers kapacitet är använd; ${partners(m[1])} är i fulla grupper eller har en annan mentor`],
  [/^its (\d+) admissible partner\(s\) are all in groups that are full \(max (\d+)\) or would break a rule; no other placement keeps the groups within rules\.groupSize (\[\d+,\s*\d+\]) at a better objective$/, (m) =>
    `${partners(m[1])} är i grupper som är fulla (högst ${m[2]}) eller skulle bryta mot en regel; ingen annan placering med gruppstorlek ${sizeSv(m[3])} ger ett bättre målvärde`],
  // Optimality: what stopped the search, then how the bound was found.
  [/^exact search stopped after (\d+) nodes(?: or (\d+) ms)?; (.+)$/s, (m) =>
    `den fullständiga sökningen stannade efter ${big(m[1])} prövade delproblem${m[2] ? ` eller ${big(m[2])} millisekunder` : ''}; ${boundSv(m[3])}`],
  [/^search stopped \(on request or at the job time limit\) after (\d+) nodes; best so far kept; (.+)$/s, (m) =>
    `sökningen stoppades (på begäran eller vid jobbets tidsgräns) efter ${big(m[1])} prövade delproblem och behöll det bästa förslaget hittills; ${boundSv(m[2])}`],
  [/^instance above (\d+) applicants, too many groups for the exact search, or heuristic requested; (.+)$/s, (m) =>
    `fler än ${m[1]} sökande, för många möjliga grupper för en fullständig sökning eller heuristik begärd, så ingen fullständig sökning; ${boundSv(m[2])}`],
  // Infeasible.
  [/^No proposal satisfies all rules together; the conflict is among: (.+)\.$/s, (m) =>
    `Inget förslag uppfyller alla regler samtidigt. Konflikten finns mellan: ${m[1].split('; ').map(pieceSv).join('; ')}.`],
  [/^No proposal satisfying the rules was found within the search limit \((\d+) nodes\); the pins and mentor rules may conflict\.$/, (m) =>
    `Inget förslag som uppfyller reglerna hittades inom sökgränsen (${big(m[1])} prövade delproblem); låsta par och mentorsreglerna kan stå i konflikt.`],
  [/^rules\.mentorRequired is set, but the mentors' total capacity \((\d+) group\(s\)\) × the maximum group size \((\d+)\) covers (\d+) applicants, fewer than the (\d+) applicants\. Add mentors or capacity, allow larger groups, or unset rules\.mentorRequired\.$/, (m) =>
    `Varje grupp måste ha en mentor, men mentorernas sammanlagda kapacitet (${grupp(m[1])}) × den största gruppstorleken (${m[2]}) räcker till ${m[3]} sökande, färre än de ${m[4]} sökande. Lägg till mentorer eller kapacitet, tillåt större grupper eller slå av kravet på mentor i varje grupp.`],
  [/^rules\.pinMentor pins mentor (\S+) to (.+), but its capacity is 0$/, (m) => `Mentorn ${m[1]} är låst till ${m[2]}, men har kapacitet 0.`],
  [/^rules\.pinMentor pins (\d+) applicants to mentor (\S+), more than its capacity (\d+) × group size (\d+)$/, (m) =>
    `${m[1]} sökande är låsta till mentorn ${m[2]}, fler än dess kapacitet ${m[3]} × gruppstorleken ${m[4]}.`],
  [/^rules\.pin joins (\d+) applicants \((.+)\) into one group, more than rules\.groupSize allows \((\d+)\)$/, (m) =>
    `Låsta par för samman ${m[1]} sökande (${m[2]}) i en grupp, fler än gruppstorleken tillåter (${m[3]}).`],
  [/^rules\.pin puts (.+?) and (.+?) in one group, but (.+) forbid\(s\) that pair$/, (m) =>
    `Ett låst par sätter ${m[1]} och ${m[2]} i samma grupp, men ${m[3].split(' and ').map(ruleSv).join(' och ')} förbjuder det paret.`],
  [/^rules\.pinMentor gives (.+)'s group two different mentors \((\S+) and (\S+)\)$/, (m) => `Låsta mentorer ger gruppen med ${m[1]} två olika mentorer (${m[2]} och ${m[3]}).`],
  [/^rules\.pinMentor pins mentor (\S+) to the group of (.+), but rules\.forbid forbids that pair$/, (m) =>
    `Mentorn ${m[1]} är låst till gruppen med ${m[2]}, men det paret är förbjudet.`],
  [/^rules\.pin\[\d+\] pins (\S+) with (\S+), which rules\.forbid forbids$/, (m) => `${m[1]} och ${m[2]} är både låsta och förbjudna som par.`],
  [/^rules\.pinMentor\[\d+\] pins mentor (\S+) to (\S+), which rules\.forbid forbids$/, (m) => `Mentorn ${m[1]} är låst till ${m[2]}, men det paret är förbjudet.`],
  [/^rules\.groupSize must be \[min, max\] with 2 ≤ min ≤ max ≤ 4$/, () => 'Gruppstorleken måste vara minst 2 och högst 4, och den minsta får inte vara större än den största.'],
  [/^Unknown ids: (.+) \((.+)\)$/, (m) => `Okända id: ${m[1]} (${m[2].split(', ').map(ruleSv).join(', ')})`],
  [/^Unknown ids: (.+)$/, (m) => `Okända id: ${m[1]}`],
  [/^Unknown programme '(.+)'$/, (m) => `Okänt program: ${m[1]}`],
  [/^No organisation with id '(.+)'\.$/, (m) => `Ingen organisation har id ${m[1]}.`],
  [/^Unknown target '(.+)' \(use county:NN, kommungrupp:XX, ids:a,b or all\)$/, (m) => `Okänt mål: ${m[1]} (ange county:NN, kommungrupp:XX, ids:a,b eller all)`],
  [/^No municipalities in county '(.+)'$/, (m) => `Inga kommuner i län ${m[1]}.`],
  [/^No municipalities in kommungrupp '(.+)'$/, (m) => `Inga kommuner i kommungrupp ${m[1]}.`],
  // Rollout plans (src/core/rollout/model.ts).
  [/^(?:mentors|persistentMentors)\[\d+\]: '(.+)' has not taken part in a round of (.+) that has taken place, so it cannot mentor$/, (m) => `${m[1]} har inte deltagit i någon genomförd eller pågående omgång av ${m[2]} och kan därför inte vara mentor.`],
  [/^(?:capacity|maxNewPerRound|maxRounds) must be a whole number from (\d+) to (\d+)$/, (m) => `Värdet måste vara ett heltal från ${m[1]} till ${m[2]}.`],
  [/^groupSize must be \[min, max\] with 2 ≤ min ≤ max ≤ 4$/, () => 'Gruppstorleken måste vara minst 2 och högst 4, och den minsta får inte vara större än den största.'],
  // Accepting and the HTTP layer.
  [/^(?:This proposal’s|The proposal’s) instance names no round;.*$/s, () => 'Förslaget saknar omgångens beteckning. Fyll i ”Omgångens beteckning” (t.ex. 2025-2027), kör förslaget igen och anta sedan.'],
  [/^This write needs an Authorization: Bearer <token> header\.$/, () => 'Att ändra något kräver inloggning: fyll i din token i fältet ”Token” högst upp på sidan.'],
  [/^The Authorization header must be of the form "Bearer <token>"\.$/, () => 'Token skickades i fel form. Logga ut och logga in igen med fältet ”Token” högst upp på sidan.'],
  [/^The bearer token is not valid\.$/, () => 'Token godtogs inte. Logga ut och logga in igen med en giltig token.'],
  [/^The request body is too large\.$/, () => 'Förfrågan är för stor.'],
  [/^Too many requests; try again shortly\.$/, () => 'För många förfrågningar; försök igen om en stund.'],
  [/^The service could not complete the request\.$/, () => 'Tjänsten kunde inte slutföra förfrågan.'],
  [/^The database does not answer\.$/, () => 'Databasen svarar inte.'],
];

/** SPREAD_RULES (src/core/spread/compute-spread.ts), sentence by sentence. */
export const SPREAD_RULES_SV = {
  'An organisation takes part in a round in any role (participant, mentor, co-mentor, supporting mentor); the placement is disputed when every fact behind it is disputed.':
    'En organisation deltar i en omgång i vilken roll som helst (deltagare, mentor, medmentor, stödjande mentor); deltagandet är omstritt när alla uppgifter bakom det är omstridda.',
  'Undisputed figures leave out disputed participations, groups and mentor links.':
    'Siffrorna ”utan omstridda” räknar inte med omstridda deltaganden, grupper och mentorlänkar.',
  'A municipality is reached when the kommun itself took part; a region reaches no municipality except Region Gotland, which is also the municipality Gotland.':
    'En kommun är nådd när kommunen själv har deltagit; en region når ingen kommun, utom Region Gotland som också är Gotlands kommun.',
  'A stadsdel or förvaltning does not make its parent municipality reached; such municipalities are listed apart (reachedViaPartOnly).':
    'En stadsdel eller förvaltning gör inte sin kommun nådd; sådana kommuner redovisas för sig (”nådda bara via en del”).',
  "Sweden's population is the sum of all municipalities' populations.":
    'Sveriges befolkning är summan av alla kommuners invånarantal.',
  'Generation: pilots and mentors with no recorded mentor are 1; a mentee is 1 + the smallest generation of its mentors or co-mentors before that round.':
    'Generation: piloter och mentorer utan registrerad egen mentor är generation 1; den som handleds är 1 + den lägsta generationen bland sina mentorer och medmentorer före den omgången.',
};

/** FAMILY_FEATURES (src/core/similar/index.ts). */
export const FAMILY_FEATURES_SV = {
  'log10 population': 'invånarantal (log10)',
  'log10 density (inhabitants per km² land)': 'befolkningstäthet (log10, invånare per km² land)',
  latitude: 'latitud',
};

/** OBJECTIVE_TEXT (src/core/matching/proposal.ts). */
export const OBJECTIVE_SV =
  'målvärde = Σ över grupper [ Σ över medlemspar {i,j} parpoäng(i,j) + (mentor k ? Σ över medlemmar i mentorpoäng(k,i) : −straff för grupp utan mentor) ] − straff per oplacerad sökande × (antal oplacerade); varje poäng är kriteriernas viktade medelvärde (Σ vikt·värde / Σ vikt), avrundat till 6 decimaler';

const FIXED = {
  ...SPREAD_RULES_SV,
  ...FAMILY_FEATURES_SV,
  'objective = Σ over groups [ Σ over member pairs {i,j} pairScore(i,j) + (mentor k ? Σ over members i mentorScore(k,i) : −penalties.unmentoredGroup) ] − penalties.unplacedApplicant × (number of unplaced applicants); each score is the weighted mean of its criteria (Σ weight·value / Σ weight), rounded to 6 decimals':
    OBJECTIVE_SV,
};

/** How the solver found its upper bound (the second half of an optimality reason). */
const BOUND = {
  'bound from the open search nodes': 'gränsen kommer från de sökgrenar som inte hann undersökas',
  'bound from the per-applicant relaxation': 'gränsen är en uppskattning sökande för sökande (relaxering)',
  "bound: the least of the open search nodes' bounds, the root LP dual and the column dual":
    'gränsen är den lägsta av de oundersökta sökgrenarnas gränser, rotens LP-dual och kolumndualen',
  'bound: the lesser of a capacity-aware per-applicant bound and an LP dual over all admissible pairs and triples':
    'gränsen är den lägre av en gräns per sökande som tar hänsyn till mentorernas kapacitet och en LP-dual över alla tillåtna par och tripplar',
  'bound: the least of a capacity-aware per-applicant bound, an LP dual over all admissible pairs and triples, and the LP relaxation over all groups by column generation (made dual feasible)':
    'gränsen är den lägsta av en gräns per sökande som tar hänsyn till mentorernas kapacitet, en LP-dual över alla tillåtna par och tripplar och LP-relaxeringen över alla grupper (beräknad med kolumngenerering)',
};
const boundSv = (text) => BOUND[text] ?? `övre gränsen beräknad så som API:t beskriver (på engelska): ${text}`;

const partners = (n) => `${plural(n, 'dess enda tillåtna partner', `dess ${n} tillåtna partner`)}`;
function excludesSv(part) {
  const m = /^(\S+) excludes (\d+)$/.exec(part);
  return m ? `${ruleSv(m[1])} utesluter ${m[2]}` : part;
}

function firstMatch(rules, text) {
  for (const [re, fn] of rules) {
    const m = re.exec(text);
    if (!m) continue;
    const out = fn(m);
    if (typeof out === 'string') return out;
  }
  return null;
}

function pieceSv(piece) {
  return firstMatch(PIECES, piece) ?? piece;
}

/** A reason made of '; '-separated parts (the core joins criteria and sub-reasons that way). */
function piecesSv(text) {
  return text.split('; ').map(pieceSv).join('; ');
}

/**
 * Swedish for one English text from the core or the API; unknown texts come back unchanged.
 * Never throws.
 */
export function reasonSv(text) {
  if (typeof text !== 'string' || text === '') return text;
  try {
    if (Object.prototype.hasOwnProperty.call(FIXED, text)) return FIXED[text];
    return firstMatch(WHOLE, text) ?? piecesSv(text);
  } catch {
    return text;
  }
}

/** Swedish for a penalty kind or solver method (identifiers the page shows as labels). */
export const LABEL_SV = {
  'unmentored-group': 'grupp utan mentor',
  'unplaced-applicant': 'oplacerad sökande',
  'branch-and-bound': 'gren och gräns (branch and bound)',
  'local-search': 'lokal sökning',
};
export const labelSv = (id) => LABEL_SV[id] ?? id;
export { ruleSv as fieldSv };
