/**
 * How a ticker line reads at a glance, from its kind (libs/domain fold: `attack-succeeded`,
 * `attack-blocked`, `attack-error`, `leak`, `shop-<probe>`, `notice`): bad news, good news, or neither.
 */
export function tickerTone(kind: string): 'bad' | 'good' | 'neutral' {
  if (kind === 'attack-succeeded' || kind === 'leak' || /^shop-(down|error|defaced)$/.test(kind)) return 'bad';
  if (kind === 'attack-blocked' || kind === 'notice' || kind === 'shop-ok') return 'good';
  return 'neutral';
}
