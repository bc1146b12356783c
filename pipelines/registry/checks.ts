// Value checks behind the registry schema. Each returns why a value is refused, or null; none echoes a secret.

const envName = /^[A-Z_][A-Z0-9_]*$/;
const ianaShape = /^(?:UTC|[A-Z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+)$/;

/** Why `name` is not an IANA zone this runtime knows (Area/Location, spelled as the tz database spells it). */
export function zoneProblem(name: string): string | null {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `"${name}" is not a known IANA time zone (e.g. America/Chicago)`;
  }
  // Intl accepts any case; the rest of fed311 compares zone names as text
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return `spell it "${resolved}"`;
  if (!ianaShape.test(name)) return `"${name}" is an abbreviation or offset, not an IANA zone name (e.g. America/Chicago)`;
  return null;
}

/** Why `text` is not a real calendar date written YYYY-MM-DD. */
export function dateProblem(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return 'must be a date written YYYY-MM-DD';
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? null : `${text} is not a real date`;
}

/** True for values shaped like credentials (UUIDs, hex, long random-looking tokens) rather than variable names. */
function looksLikeKey(value: string): boolean {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true;
  if (/^[0-9a-f]{16,}$/i.test(value)) return true;
  const digits = value.replace(/\D/g, '').length;
  // A valid NAME is a key only when it is one long unbroken run with many digits (e.g. A1B2C3D4E5F6G7H8I9J0)
  if (envName.test(value)) return !value.includes('_') && value.length >= 20 && digits >= 4;
  const tokenish = /^[A-Za-z0-9_\-+/=.]{16,}$/.test(value) && digits > 0;
  return tokenish && (!value.includes('_') || (/[a-z]/.test(value) && /[A-Z]/.test(value)));
}

/** Why `value` is not the NAME of an environment variable. Never quotes the value: it may be a real key. */
export function apiKeyEnvProblem(value: string): string | null {
  if (looksLikeKey(value)) {
    return 'looks like an API key itself: put the name of the environment variable that holds the key (e.g. CHICAGO_OPEN311_KEY), never the key';
  }
  if (!envName.test(value)) {
    return 'must be the name of an environment variable (A-Z, 0-9 and _, not starting with a digit, e.g. CHICAGO_OPEN311_KEY), not the key';
  }
  return null;
}

/** Why `text` is not a usable base URL (http or https, no credentials, query or fragment). */
export function baseUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute http(s) URL, e.g. https://311api.cityofchicago.org/open311/v2/';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must use http or https, not ${url.protocol.slice(0, -1)}`;
  if (url.username || url.password) return 'must not carry credentials: name a variable in api_key_env instead';
  if (url.search || url.hash) return 'must not carry a query or fragment: jurisdiction_id and api_key_env have their own keys';
  if (/\.(json|xml)$/i.test(url.pathname)) return 'must be the base the method names are appended to, not a method URL (drop "requests.json")';
  return null;
}

/** The base URL with exactly one trailing "/", so dialects can append method names. */
export function normaliseBaseUrl(text: string): string {
  return text.endsWith('/') ? text : `${text}/`;
}

/** Why a [west, south, east, north] box is not a valid WGS84 box. */
export function bboxProblem([west, south, east, north]: readonly [number, number, number, number]): string | null {
  if ([west, east].some((lon) => lon < -180 || lon > 180)) return 'west and east must be longitudes within -180..180';
  if ([south, north].some((lat) => lat < -90 || lat > 90)) return 'south and north must be latitudes within -90..90';
  if (west >= east) return 'west must be less than east ([west, south, east, north])';
  if (south >= north) return 'south must be less than north ([west, south, east, north])';
  return null;
}
