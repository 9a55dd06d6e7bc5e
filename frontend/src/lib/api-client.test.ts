import { describe, expect, it } from 'vitest';
import { ApiError, problemText } from './api-client';

describe('problemText', () => {
  it('joins the field errors of a problem', () => {
    const e = new ApiError(400, { detail: 'invalid', errors: [{ message: 'price: not a number' }, { message: 'percent: required' }] });
    expect(problemText(e)).toBe('price: not a number; percent: required');
  });

  it('falls back to the detail, then the title', () => {
    expect(problemText(new ApiError(404, { detail: 'no such alert' }))).toBe('no such alert');
    expect(problemText(new ApiError(409, { title: 'Conflict' }))).toBe('Conflict');
  });

  it('says what any other error says', () => {
    expect(problemText(new Error('network down'))).toBe('network down');
    expect(problemText('timeout')).toBe('timeout');
  });
});
