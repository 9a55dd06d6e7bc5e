/**
 * Exact comparison of decimal strings as the exchange sends them ("101.00", "0.250", "1E-8" is not one):
 * no floating point, so "0.3" equals "0.30" and differs from "0.30000000000000004".
 */
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function normalizeDecimal(text) {
  const m = DECIMAL.exec(String(text).trim());
  if (!m) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`);
  const int = m[2].replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : `${m[1] ?? ''}${body}`;
}

export function sameDecimal(a, b) {
  return normalizeDecimal(a) === normalizeDecimal(b);
}
