/**
 * Exact decimal arithmetic for prices, quantities and notionals.
 *
 * A value is an arbitrary-size integer `units` and a `scale`: value = units / 10^scale. Nothing here ever
 * converts money to a JavaScript `number`, except `toChartNumber` and `ratio`, which exist for drawing
 * (chart coordinates and bar widths) and are never used for a value that is shown or sent.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export type Rounding = 'floor' | 'ceil' | 'down' | 'half-up';

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d*))?$/;
const LEADING_DOT_PATTERN = /^([+-])?\.(\d+)$/;
const MAX_SCALE = 36;

const POWERS: bigint[] = [];
function pow10(n: number): bigint {
  let p = POWERS[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    POWERS[n] = p;
  }
  return p;
}

export const ZERO: Decimal = Object.freeze({ units: 0n, scale: 0 });

/** Parses "12", "-0.5", "1.", ".25". Returns null for anything else (exponents, spaces, commas, NaN). */
export function parseDecimal(text: string): Decimal | null {
  const trimmed = text.trim();
  let match = DECIMAL_PATTERN.exec(trimmed);
  let sign: string | undefined;
  let intPart: string;
  let fracPart: string;
  if (match) {
    sign = match[1];
    intPart = match[2];
    fracPart = match[3] ?? '';
  } else {
    match = LEADING_DOT_PATTERN.exec(trimmed);
    if (!match) return null;
    sign = match[1];
    intPart = '0';
    fracPart = match[2];
  }
  if (fracPart.length > MAX_SCALE) return null;
  const magnitude = BigInt(intPart + fracPart);
  return { units: sign === '-' ? -magnitude : magnitude, scale: fracPart.length };
}

/** Like parseDecimal, but throws: for values that come from the server and must be well formed. */
export function dec(text: string): Decimal {
  const d = parseDecimal(text);
  if (d === null) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  return d;
}

function asDecimal(value: Decimal | string): Decimal {
  return typeof value === 'string' ? dec(value) : value;
}

/** Removes trailing fractional zeros: 1.2300 -> 1.23, 100.00 -> 100. */
export function normalize(value: Decimal | string): Decimal {
  const d = asDecimal(value);
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/**
 * Number of decimals a tick or step size implies: "0.01" -> 2, "0.05" -> 2, "0.010" -> 2, "1" -> 0, "10" -> 0.
 */
export function precisionOf(step: Decimal | string): number {
  return normalize(step).scale;
}

/** Integer division of n by a positive d with the given rounding. */
function divRound(n: bigint, d: bigint, rounding: Rounding): bigint {
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  switch (rounding) {
    case 'down':
      return q;
    case 'floor':
      return n < 0n ? q - 1n : q;
    case 'ceil':
      return n > 0n ? q + 1n : q;
    case 'half-up': {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice >= d) return n < 0n ? q - 1n : q + 1n;
      return q;
    }
  }
}

/** Exact change of scale; returns null if digits would be lost. */
export function rescaleExact(value: Decimal | string, scale: number): Decimal | null {
  const d = asDecimal(value);
  if (scale >= d.scale) return { units: d.units * pow10(scale - d.scale), scale };
  const factor = pow10(d.scale - scale);
  if (d.units % factor !== 0n) return null;
  return { units: d.units / factor, scale };
}

/** Change of scale that rounds when digits are dropped. */
export function rescale(value: Decimal | string, scale: number, rounding: Rounding = 'half-up'): Decimal {
  const d = asDecimal(value);
  if (scale >= d.scale) return { units: d.units * pow10(scale - d.scale), scale };
  return { units: divRound(d.units, pow10(d.scale - scale), rounding), scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) return [a.units, b.units * pow10(a.scale - b.scale), a.scale];
  return [a.units * pow10(b.scale - a.scale), b.units, b.scale];
}

export function compare(a: Decimal | string, b: Decimal | string): -1 | 0 | 1 {
  const [x, y] = align(asDecimal(a), asDecimal(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function add(a: Decimal | string, b: Decimal | string): Decimal {
  const [x, y, scale] = align(asDecimal(a), asDecimal(b));
  return { units: x + y, scale };
}

export function sub(a: Decimal | string, b: Decimal | string): Decimal {
  const [x, y, scale] = align(asDecimal(a), asDecimal(b));
  return { units: x - y, scale };
}

/** Exact product; the scale is the sum of both scales. */
export function mul(a: Decimal | string, b: Decimal | string): Decimal {
  const x = asDecimal(a);
  const y = asDecimal(b);
  return { units: x.units * y.units, scale: x.scale + y.scale };
}

/** a / b rounded to `scale` decimals. Throws on division by zero. */
export function div(a: Decimal | string, b: Decimal | string, scale: number, rounding: Rounding = 'half-up'): Decimal {
  const x = asDecimal(a);
  const y = asDecimal(b);
  if (y.units === 0n) throw new RangeError('division by zero');
  // x/y = (xu / 10^xs) / (yu / 10^ys); result units = xu * 10^(scale + ys - xs) / yu
  const shift = scale + y.scale - x.scale;
  let numerator = x.units;
  let denominator = y.units;
  if (shift >= 0) numerator *= pow10(shift);
  else denominator *= pow10(-shift);
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  return { units: divRound(numerator, denominator, rounding), scale };
}

export function isZero(value: Decimal | string): boolean {
  return asDecimal(value).units === 0n;
}

export function isPositive(value: Decimal | string): boolean {
  return asDecimal(value).units > 0n;
}

export function isNegative(value: Decimal | string): boolean {
  return asDecimal(value).units < 0n;
}

export function max(a: Decimal | string, b: Decimal | string): Decimal {
  return compare(a, b) >= 0 ? asDecimal(a) : asDecimal(b);
}

export function min(a: Decimal | string, b: Decimal | string): Decimal {
  return compare(a, b) <= 0 ? asDecimal(a) : asDecimal(b);
}

/** True when value is an integer multiple of a positive step (works for steps like 0.05 or 5, not only 10^-n). */
export function isMultipleOf(value: Decimal | string, step: Decimal | string): boolean {
  const [x, s] = align(asDecimal(value), asDecimal(step));
  if (s <= 0n) throw new RangeError('step must be positive');
  return x % s === 0n;
}

/** Largest multiple of a positive step that is <= value (toward -infinity). */
export function floorToStep(value: Decimal | string, step: Decimal | string): Decimal {
  const [x, s, scale] = align(asDecimal(value), asDecimal(step));
  if (s <= 0n) throw new RangeError('step must be positive');
  return normalizeToScale({ units: divRound(x, s, 'floor') * s, scale }, precisionOf(step));
}

function normalizeToScale(d: Decimal, scale: number): Decimal {
  return rescaleExact(d, scale) ?? d;
}

/** Canonical string: keeps the value's own scale ("1.50" stays "1.50"). */
export function toPlainString(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString();
  if (value.scale === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(value.scale + 1, '0');
  const intPart = padded.slice(0, padded.length - value.scale);
  const fracPart = padded.slice(padded.length - value.scale);
  return `${negative ? '-' : ''}${intPart}.${fracPart}`;
}

function groupThousands(intPart: string): string {
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) out += ',';
    out += intPart[i];
  }
  return out;
}

export interface FormatOptions {
  /** Thousands separators in the integer part. */
  group?: boolean;
  rounding?: Rounding;
  /** Prefix positive values with '+'. */
  signed?: boolean;
}

/**
 * Formats to exactly `scale` decimals (padding or rounding), e.g. formatDecimal("100.5", 2) = "100.50".
 * Invalid input is returned unchanged so that a malformed server value is visible rather than hidden.
 */
export function formatDecimal(value: Decimal | string, scale: number, options: FormatOptions = {}): string {
  const d = typeof value === 'string' ? parseDecimal(value) : value;
  if (d === null) return String(value);
  const r = rescale(d, scale, options.rounding ?? 'half-up');
  let text = toPlainString(r);
  if (r.units === 0n && text.startsWith('-')) text = text.slice(1);
  if (options.group) {
    const negative = text.startsWith('-');
    const body = negative ? text.slice(1) : text;
    const [intPart, fracPart] = body.split('.');
    text = (negative ? '-' : '') + groupThousands(intPart) + (fracPart !== undefined ? `.${fracPart}` : '');
  }
  if (options.signed && r.units > 0n) text = `+${text}`;
  return text;
}

const COMPACT_UNITS: Array<[number, string]> = [
  [12, 'T'],
  [9, 'B'],
  [6, 'M'],
  [3, 'K'],
];

/** Compact display for volumes: 1234567.8 -> "1.23M", 999.5 -> "999.50". Never uses floating point. */
export function formatCompact(value: Decimal | string, decimals = 2): string {
  const d = typeof value === 'string' ? parseDecimal(value) : value;
  if (d === null) return String(value);
  const magnitude = d.units < 0n ? -d.units : d.units;
  for (const [exponent, suffix] of COMPACT_UNITS) {
    if (magnitude >= pow10(exponent + d.scale)) {
      const scaled: Decimal = { units: d.units, scale: d.scale + exponent };
      return formatDecimal(scaled, decimals) + suffix;
    }
  }
  return formatDecimal(d, decimals);
}

/**
 * part / whole as a number in [0, 1] with 1e-4 resolution, for drawing bar widths only.
 */
export function ratio(part: Decimal | string, whole: Decimal | string): number {
  const w = asDecimal(whole);
  if (w.units <= 0n) return 0;
  const q = div(part, w, 4, 'down');
  const clamped = q.units < 0n ? 0n : q.units > 10000n ? 10000n : q.units;
  return Number(clamped) / 10000;
}

/**
 * For chart coordinates only (lightweight-charts plots numbers). Never use the result for arithmetic
 * on money or for display text.
 */
export function toChartNumber(value: Decimal | string): number {
  return Number(toPlainString(asDecimal(value)));
}
