import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  dec,
  div,
  floorToStep,
  formatCompact,
  formatDecimal,
  isMultipleOf,
  mul,
  normalize,
  parseDecimal,
  precisionOf,
  ratio,
  rescale,
  rescaleExact,
  sub,
  toPlainString,
} from './decimal';

const s = toPlainString;

describe('parseDecimal', () => {
  it('parses plain decimals exactly, keeping the written scale', () => {
    expect(parseDecimal('100.50')).toEqual({ units: 10050n, scale: 2 });
    expect(parseDecimal('-0.001')).toEqual({ units: -1n, scale: 3 });
    expect(parseDecimal('+7')).toEqual({ units: 7n, scale: 0 });
    expect(parseDecimal('.25')).toEqual({ units: 25n, scale: 2 });
    expect(parseDecimal('3.')).toEqual({ units: 3n, scale: 0 });
    expect(parseDecimal(' 1.5 ')).toEqual({ units: 15n, scale: 1 });
  });

  it('rejects anything that is not a plain decimal', () => {
    for (const bad of ['', '.', '-', '1e5', '1,000', '0x10', 'NaN', 'Infinity', '1.2.3', '1 000', '--1']) {
      expect(parseDecimal(bad), bad).toBeNull();
    }
  });

  it('keeps precision far beyond what a double can hold', () => {
    // 2^53 + 1 is not representable as a double; 18 decimals are not either.
    expect(s(dec('9007199254740993'))).toBe('9007199254740993');
    expect(s(dec('0.123456789012345678'))).toBe('0.123456789012345678');
    expect(s(add('9007199254740993.000000000000000001', '0.000000000000000001'))).toBe(
      '9007199254740993.000000000000000002',
    );
  });
});

describe('arithmetic', () => {
  it('adds and subtracts without binary rounding (0.1 + 0.2 is 0.3)', () => {
    expect(s(add('0.1', '0.2'))).toBe('0.3');
    expect(compare(add('0.1', '0.2'), '0.3')).toBe(0);
    expect(s(sub('1.00', '0.99'))).toBe('0.01');
    expect(s(sub('0.3', '0.5'))).toBe('-0.2');
  });

  it('multiplies exactly, the scale being the sum of scales', () => {
    expect(s(mul('0.00001', '65000.01'))).toBe('0.6500001');
    expect(s(mul('1.10', '1.10'))).toBe('1.2100');
    expect(s(mul('999999999.99999999', '999999999.99999999'))).toBe(
      '999999999999999980.0000000000000001',
    );
    expect(s(mul('-2.5', '0.4'))).toBe('-1.00');
  });

  it('divides with explicit rounding', () => {
    expect(s(div('100', '3', 4, 'floor'))).toBe('33.3333');
    expect(s(div('100', '3', 4, 'ceil'))).toBe('33.3334');
    expect(s(div('2', '3', 2, 'half-up'))).toBe('0.67');
    expect(s(div('-2', '3', 2, 'floor'))).toBe('-0.67');
    expect(s(div('-2', '3', 2, 'down'))).toBe('-0.66');
    expect(s(div('0.001', '0.0001', 0))).toBe('10');
    expect(() => div('1', '0', 2)).toThrow('division by zero');
  });

  it('compares values of different scales', () => {
    expect(compare('1.10', '1.1')).toBe(0);
    expect(compare('1.09999999', '1.1')).toBe(-1);
    expect(compare('-0.5', '-0.50001')).toBe(1);
    expect(compare('100', '99.999999999999999999')).toBe(1);
  });
});

describe('scale and steps', () => {
  it('derives precision from tick and step sizes', () => {
    expect(precisionOf('0.01')).toBe(2);
    expect(precisionOf('0.05')).toBe(2);
    expect(precisionOf('0.010')).toBe(2);
    expect(precisionOf('0.00001000')).toBe(5);
    expect(precisionOf('1')).toBe(0);
    expect(precisionOf('10')).toBe(0);
  });

  it('checks multiples with integer arithmetic, including non-power-of-ten steps', () => {
    expect(isMultipleOf('100.05', '0.05')).toBe(true);
    expect(isMultipleOf('100.07', '0.05')).toBe(false);
    expect(isMultipleOf('0.3', '0.1')).toBe(true); // 0.3 % 0.1 is not 0 in floating point
    expect(isMultipleOf('0.00003', '0.00001')).toBe(true);
    expect(isMultipleOf('0.000035', '0.00001')).toBe(false);
    expect(isMultipleOf('150', '50')).toBe(true);
    expect(isMultipleOf('125', '50')).toBe(false);
    expect(() => isMultipleOf('1', '0')).toThrow('step must be positive');
  });

  it('floors to a step and rescales exactly or reports loss', () => {
    expect(s(floorToStep('1.23456', '0.01'))).toBe('1.23');
    expect(s(floorToStep('1.29', '0.05'))).toBe('1.25');
    expect(s(floorToStep('1299', '50'))).toBe('1250');
    expect(rescaleExact('1.2300', 2)).toEqual({ units: 123n, scale: 2 });
    expect(rescaleExact('1.2345', 2)).toBeNull();
    expect(s(rescale('1.005', 2))).toBe('1.01'); // half-up, where 1.005 as a double rounds to 1.00
    expect(s(rescale('-1.005', 2))).toBe('-1.01');
    expect(s(normalize('100.000'))).toBe('100');
  });
});

describe('formatting', () => {
  it('formats to the instrument precision, padding or rounding half-up', () => {
    expect(formatDecimal('100.5', 2)).toBe('100.50');
    expect(formatDecimal('100.50000000', 2)).toBe('100.50');
    expect(formatDecimal('0.000015', 5)).toBe('0.00002');
    expect(formatDecimal('0.00001499', 5)).toBe('0.00001');
    expect(formatDecimal('42', 0)).toBe('42');
    expect(formatDecimal('-0.001', 2)).toBe('0.00'); // no negative zero
  });

  it('groups thousands and signs on request', () => {
    expect(formatDecimal('1234567.891', 2, { group: true })).toBe('1,234,567.89');
    expect(formatDecimal('-1234.5', 1, { group: true })).toBe('-1,234.5');
    expect(formatDecimal('999', 0, { group: true })).toBe('999');
    expect(formatDecimal('2.5', 2, { signed: true })).toBe('+2.50');
    expect(formatDecimal('-2.5', 2, { signed: true })).toBe('-2.50');
  });

  it('returns malformed input unchanged rather than a wrong number', () => {
    expect(formatDecimal('n/a', 2)).toBe('n/a');
  });

  it('formats volumes compactly', () => {
    expect(formatCompact('999.499')).toBe('999.50');
    expect(formatCompact('1000')).toBe('1.00K');
    expect(formatCompact('1234567.8')).toBe('1.23M');
    expect(formatCompact('98765432109.5')).toBe('98.77B');
  });

  it('gives bar ratios clamped to [0, 1]', () => {
    expect(ratio('1', '4')).toBe(0.25);
    expect(ratio('5', '4')).toBe(1);
    expect(ratio('1', '0')).toBe(0);
  });
});
