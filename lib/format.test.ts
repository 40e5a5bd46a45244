import { describe, expect, it } from 'vitest';
import { formatDateTime, formatShortDateTime } from '@/lib/format';

describe('formatDateTime', () => {
  it('writes Indonesian dates in WIB', () => {
    expect(formatDateTime('2025-07-26T10:00:00+07:00', 'id')).toBe('Sabtu, 26 Juli 2025, 10.00 WIB');
  });

  it('writes English dates in WIB', () => {
    expect(formatDateTime('2025-07-26T10:00:00+07:00', 'en')).toBe('Saturday, July 26, 2025, 10:00 AM WIB');
  });

  it('converts other offsets to the newsroom time zone', () => {
    expect(formatDateTime('2025-07-26T01:05:00Z', 'id')).toBe('Sabtu, 26 Juli 2025, 08.05 WIB');
    expect(formatDateTime('2025-07-25T20:00:00-04:00', 'en')).toBe('Saturday, July 26, 2025, 7:00 AM WIB');
  });

  it('has a short form for lists', () => {
    expect(formatShortDateTime('2025-07-23T19:45:00+07:00', 'id')).toBe('23 Jul 2025, 19.45 WIB');
    expect(formatShortDateTime('2025-07-23T19:45:00+07:00', 'en')).toBe('Jul 23, 2025, 7:45 PM WIB');
  });
});
