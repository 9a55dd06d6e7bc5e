import { describe, expect, it } from 'vitest';
import { AlertFirings } from './alert-firings';
import type { AlertFrame } from './api-types';

function frame(a: string, n: number, p: string, T: number): AlertFrame {
  return { e: 'alert', E: T + 1, a, s: 'BTCUSDT', k: 'PRICE_ABOVE', n, p, T, L: '66000.00' };
}

describe('AlertFirings', () => {
  it('keeps the newest firing of each alert, whatever order the frames come in', () => {
    const firings = new AlertFirings();
    expect(firings.get('al1')).toBeUndefined();
    expect(firings.apply(frame('al1', 1, '66000.12', 10))).toBe(true);
    expect(firings.apply(frame('al2', 4, '70000.00', 11))).toBe(true);
    expect(firings.apply(frame('al1', 2, '66100.00', 20))).toBe(true);
    expect(firings.get('al1')).toEqual({ firing: 2, price: '66100.00', time: 20 });
    expect(firings.get('al2')).toEqual({ firing: 4, price: '70000.00', time: 11 });
  });

  it('ignores a repeated or older firing of an alert', () => {
    const firings = new AlertFirings();
    firings.apply(frame('al1', 2, '66100.00', 20));
    expect(firings.apply(frame('al1', 2, '66100.00', 20))).toBe(false);
    expect(firings.apply(frame('al1', 1, '66000.12', 10))).toBe(false);
    expect(firings.get('al1')).toEqual({ firing: 2, price: '66100.00', time: 20 });
  });

  it('forgets everything on clear (sign-out)', () => {
    const firings = new AlertFirings();
    firings.apply(frame('al1', 1, '66000.12', 10));
    firings.clear();
    expect(firings.get('al1')).toBeUndefined();
  });
});
