/**
 * How long until a scheduled story goes live, in words of the desk's language ("dalam 5 menit",
 * "in 5 minutes"), rendered on the server with Intl.RelativeTimeFormat: the list is read at a
 * glance, the exact time stands beside it, and a reload brings it up to date.
 */
const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 48],
  ['day', Number.POSITIVE_INFINITY],
];
const SIZE: Record<string, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function countdown(target: number, now: number, intlLocale: string): string {
  const format = new Intl.RelativeTimeFormat(intlLocale, { numeric: 'always', style: 'long' });
  const ms = target - now;
  for (const [unit, limit] of STEPS) {
    const value = Math.round(ms / SIZE[unit]!);
    if (Math.abs(value) < limit) return format.format(value, unit);
  }
  return format.format(Math.round(ms / SIZE.day!), 'day');
}
