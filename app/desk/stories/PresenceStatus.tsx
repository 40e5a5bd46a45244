'use client';

import { useEffect, useState } from 'react';
import type { PresentPerson } from '@/lib/desk/presence';

interface PresenceStatusProps {
  file: string;
  initial: PresentPerson[];
  heartbeatMs: number;
  intlLocale: string;
  timeZone: string;
  text: { title: string; nobody: string; others: string; person: string };
}

/**
 * The presence line of the edit page, kept current: a heartbeat to POST /api/desk/presence, which
 * records this viewer and answers with the others. The line is a polite live region that changes
 * only when the people change (not with every heartbeat), so a screen reader hears who arrived or
 * left, and nothing else. Without JavaScript the line from the page load stays.
 */
export function PresenceStatus({ file, initial, heartbeatMs, intlLocale, timeZone, text }: PresenceStatusProps) {
  const [others, setOthers] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      try {
        const response = await fetch('/api/desk/presence', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ file }),
          credentials: 'same-origin',
        });
        if (!response.ok || stopped) return;
        const { others: now } = (await response.json()) as { others: PresentPerson[] };
        setOthers((before) => (sameLine(before, now) ? before : now));
      } catch {
        // offline for a moment: the next heartbeat tries again
      }
    };
    const timer = setInterval(beat, heartbeatMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [file, heartbeatMs]);

  const time = new Intl.DateTimeFormat(intlLocale, { timeStyle: 'short', timeZone });
  const people = others.map((p) => text.person.replace('{who}', p.who).replace('{time}', time.format(new Date(p.since)))).join(', ');
  return (
    <section className="desk-presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="desk-vh">
        {text.title}
      </h2>
      <p role="status" data-present={others.map((p) => p.email).join(' ')}>
        {others.length ? text.others.replace('{people}', people) : text.nobody}
      </p>
    </section>
  );
}

const sameLine = (a: PresentPerson[], b: PresentPerson[]) => a.length === b.length && a.every((p, i) => p.email === b[i]!.email && p.since === b[i]!.since && p.who === b[i]!.who);
