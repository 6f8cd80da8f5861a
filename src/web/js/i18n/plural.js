// Swedish number + noun, the one place a count meets a word on the page ("1 grupp", "2 grupper").
// Intl.PluralRules('sv') knows only 'one' and 'other'; the noun forms are the caller's, since
// Swedish plurals are irregular (kommun/kommuner, län/län, led/led, träff/träffar).

const rules = new Intl.PluralRules('sv-SE');
const numbers = new Intl.NumberFormat('sv-SE');

/** "1 grupp", "3 grupper", "1 234 kommuner": the number in Swedish format and the matching form. */
export function plural(n, one, other) {
  return `${numbers.format(n)} ${rules.select(n) === 'one' ? one : other}`;
}

/** Only the noun form for n, for sentences that place the number themselves. */
export function pluralWord(n, one, other) {
  return rules.select(n) === 'one' ? one : other;
}
