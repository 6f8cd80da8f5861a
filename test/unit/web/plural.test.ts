/**
 * Swedish number + noun on the page (src/web/js/i18n/plural.js): "1 grupp", never "1 grupper".
 * plural() itself is checked with n = 1 and other counts, and the page's sources are scanned for
 * any place that still puts a number straight before a fixed plural noun (a template literal
 * `${n} grupper`, a concatenation `n + ' kommuner'`, or a stat card whose text starts with a plural
 * noun) instead of going through plural()/pluralWord().
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const webJs = path.join(root, 'src/web/js');

type Plural = (n: number, one: string, other: string) => string;
let plural: Plural;
let pluralWord: Plural;
let wrapLabel: (text: string, max?: number) => string | string[];

/** Plural forms that differ from the singular (kommun/kommuner…); forms equal in both (län, led, deltagare) cannot be wrong. */
const PLURAL_NOUNS = [
  'grupper', 'kommuner', 'noder', 'träffar', 'generationer', 'organisationer', 'omgångar', 'mentorer', 'mentorlänkar',
  'länkar', 'uppgifter', 'regioner', 'deltaganden', 'kedjor', 'källor', 'poster', 'familjer', 'omgångsbeskrivningar',
  'valda', 'nya', 'oplacerade', 'omstridda', 'rader', 'dagar', 'månader', 'sekunder', 'minuter', 'timmar', 'tokens',
  'ansökningar', 'händelser', 'sökningar', 'förändringar', 'ändringar', 'delegationer', 'roller', 'platser',
];
const NOUN = `(?:${PLURAL_NOUNS.join('|')})`;

/** A number placed straight before a plural noun, in the ways the page's code writes text. */
const OFFENDERS: [string, RegExp][] = [
  // `${n} grupper`, `${a} av ${b} kommuner` (the expression may hold one level of braces or calls).
  ['template literal', new RegExp(`\\$\\{(?:[^{}]|\\{[^{}]*\\})*\\}\\s+${NOUN}(?![\\p{L}])`, 'gu')],
  // n + ' grupper'
  ['concatenation', new RegExp(`\\+\\s*['"\`]\\s+${NOUN}(?![\\p{L}])`, 'gu')],
  // stat(fmtInt(n), 'kommuner aldrig nådda'): the card shows the number right before its text.
  ['stat card', new RegExp(`\\bstat\\((?:[^()]|\\([^()]*\\))*?,\\s*['"\`]${NOUN}(?![\\p{L}])`, 'gu')],
];

/** The plural() calls themselves pass the plural noun as an argument: those are the fix, not the fault. */
const isPluralCall = (src: string, index: number) => /(?:plural|pluralWord)\([^()]*$/.test(src.slice(Math.max(0, index - 200), index));

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? jsFiles(full) : name.endsWith('.js') ? [full] : [];
  });
}

function findOffenders(src: string): string[] {
  const found: string[] = [];
  for (const [kind, re] of OFFENDERS) {
    for (const m of src.matchAll(re)) {
      if (isPluralCall(src, m.index)) continue;
      const line = src.slice(0, m.index).split('\n').length;
      found.push(`${kind} at line ${line}: ${m[0]}`);
    }
  }
  return found;
}

beforeAll(async () => {
  ({ plural, pluralWord } = (await import(pathToFileURL(path.join(webJs, 'i18n/plural.js')).href)) as { plural: Plural; pluralWord: Plural });
  ({ wrapLabel } = (await import(pathToFileURL(path.join(webJs, 'pages/spread.js')).href)) as { wrapLabel: typeof wrapLabel });
});

describe('plural()', () => {
  it('uses the singular for 1 and the plural otherwise, with Swedish number format', () => {
    expect(plural(1, 'grupp', 'grupper')).toBe('1 grupp');
    expect(plural(0, 'grupp', 'grupper')).toBe('0 grupper');
    expect(plural(3, 'kommun', 'kommuner')).toBe('3 kommuner');
    expect(plural(1234, 'kommun', 'kommuner')).toMatch(/^1\s234 kommuner$/);
    expect(pluralWord(1, 'träff', 'träffar')).toBe('träff');
    expect(pluralWord(2, 'träff', 'träffar')).toBe('träffar');
  });

  it('never yields "1 <plural noun>" for any noun pair the page uses', () => {
    const pairs: [string, string][] = [['grupp', 'grupper'], ['kommun', 'kommuner'], ['träff', 'träffar'], ['generation', 'generationer'], ['organisation', 'organisationer'], ['mentorlänk', 'mentorlänkar']];
    for (const [one, other] of pairs) expect(plural(1, one, other)).not.toMatch(new RegExp(`^1 ${NOUN}$`, 'u'));
  });
});

describe('the page sources', () => {
  const files = jsFiles(webJs);

  it('are found', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('the scanner catches the reported "1 grupper"-type texts', () => {
    // The shapes of the bugs reported in issue 11, as the page's code wrote them before.
    const samples = [
      'const t = `${p.groups.length} grupper, ${p.unplaced.length} oplacerade`;',
      "h('li', {}, `${r.round.label} (${spread.firstRounds.filter((f) => f.firstRoundId === r.round.id).length} kommuner)`)",
      'status.textContent = `${page.total} träffar`;',
      "stat(fmtInt(spread.generations.maxGeneration), `generationer; längsta kedjan ${fmtInt(n)} led`)",
      "const s = n + ' noder';",
    ];
    for (const sample of samples) expect(findOffenders(sample), sample).not.toEqual([]);
    // …and leaves the fixed forms alone.
    expect(findOffenders("const t = `${plural(n, 'grupp', 'grupper')}, ${fmtInt(k)} ${pluralWord(k, 'oplacerad', 'oplacerade')}`;")).toEqual([]);
  });

  it('put no number straight before a fixed plural noun', () => {
    const found = files.flatMap((f) => findOffenders(readFileSync(f, 'utf8')).map((o) => `${path.relative(root, f)}: ${o}`));
    expect(found).toEqual([]);
  });
});

describe('wrapLabel (chart axis labels)', () => {
  it('breaks long labels between words into lines no longer than the limit, keeping every word', () => {
    const lines = wrapLabel('C7 Pendlingskommun nära mindre stad/tätort', 18);
    expect(Array.isArray(lines)).toBe(true);
    for (const l of lines as string[]) expect(l.length).toBeLessThanOrEqual(18);
    expect((lines as string[]).join(' ')).toBe('C7 Pendlingskommun nära mindre stad/tätort');
    expect(wrapLabel('A1 Storstäder', 18)).toBe('A1 Storstäder');
  });
});
