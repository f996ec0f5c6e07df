/**
 * The integrity marker (game-model §4): every page the shop serves untouched carries
 * `<meta name="mamoru-integrity" content="<token>">` with the team's secret token. A home page
 * without it has been defaced. Attribute order and quoting may vary; the token must match exactly.
 */
export const INTEGRITY_META_NAME = 'mamoru-integrity';

const META_TAG = /<meta\b[^>]*>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

export function hasIntegrityMarker(html: string, integrityToken: string): boolean {
  if (!integrityToken) return false;
  for (const tag of html.matchAll(META_TAG)) {
    const attributes = new Map<string, string>();
    for (const attribute of tag[0].matchAll(ATTRIBUTE)) {
      attributes.set(attribute[1].toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    if (attributes.get('name')?.toLowerCase() === INTEGRITY_META_NAME && attributes.get('content') === integrityToken) {
      return true;
    }
  }
  return false;
}
