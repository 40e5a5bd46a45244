'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

export interface AutosaveText {
  on: string;
  saving: string;
  saved: string;
  invalid: string;
  conflict: string;
  failed: string;
  offline: string;
  signedOut: string;
  live: string;
  kept: string;
  restore: string;
  discard: string;
  restored: string;
  /** Each field's label, to name the ones to fix. */
  fields: Record<string, string>;
}

/** A few seconds after typing stops: long enough not to save half a word, short enough to lose little. */
const DELAY_MS = 3_000;
/** What this browser keeps of a story's unsaved form, by story. */
const storageKey = (file: string) => `kabar-desk-unsaved:${file || 'new'}`;
/** Fields that are the form's bookkeeping, not the story. */
const BOOKKEEPING = new Set(['file', 'base', 'action', 'reason', 'confirm']);

interface Kept {
  at: number;
  fields: Record<string, string>;
}

function storyValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (!BOOKKEEPING.has(name) && typeof value === 'string') values[name] = value;
  return values;
}
const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b);

function readKept(key: string): Kept | undefined {
  try {
    const kept = JSON.parse(localStorage.getItem(key) ?? 'null') as Kept | null;
    return kept && typeof kept.at === 'number' && kept.fields && typeof kept.fields === 'object' ? kept : undefined;
  } catch {
    return undefined;
  }
}
function writeKept(key: string, fields: Record<string, string>) {
  try {
    localStorage.setItem(key, JSON.stringify({ at: Date.now(), fields }));
  } catch {
    // A full or disabled storage: the form itself still holds the text.
  }
}
function removeKept(key: string) {
  try {
    localStorage.removeItem(key);
  } catch {
    // as above
  }
}
function setField(form: HTMLFormElement, name: string, value: string) {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement) field.value = value;
}

/**
 * The story form's autosave, a leaf inside the form: a few seconds after the editor stops typing it
 * sends the form to /api/desk/autosave (the save-draft action, with the conflict check) and, on
 * success, carries the stored version (`base`) and file into the form, so that the next save, by
 * hand or not, is not refused as a conflict with itself. On a conflict or a failure it says so and
 * stops; the "Save draft" button then gives the full view. Every change is also kept in this
 * browser's localStorage until it is saved, and offered back on the next visit, so a store that
 * cannot be written loses nothing. The status is an aria-live region. Without JavaScript, nothing
 * of this exists and the form's buttons work as before.
 */
export function StoryAutosaveClient({ file, text, intlLocale, timeZone }: { file: string; text: AutosaveText; intlLocale: string; timeZone: string }) {
  const anchor = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const [status, setStatus] = useState('');
  const [kept, setKept] = useState<Kept | undefined>(undefined);
  const restoreRef = useRef<() => void>(() => undefined);
  const discardRef = useRef<() => void>(() => undefined);
  const time = (at: number | string) => new Intl.DateTimeFormat(intlLocale, { timeStyle: 'short', timeZone }).format(new Date(at));

  useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!form) return;
    // A story opened as new keeps this page (no refresh, which would render another page over the form).
    const startedNew = !file;
    let currentFile = file;
    let lastSaved = storyValues(form);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let saving = false;
    let again = false;
    let pendingSubmit: HTMLElement | null | undefined;
    setStatus(text.on);

    const offered = readKept(storageKey(currentFile));
    if (offered) {
      if (same(offered.fields, lastSaved)) removeKept(storageKey(currentFile));
      else setKept(offered);
    }

    const schedule = () => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(save, DELAY_MS);
    };
    const stop = (message: string) => {
      stopped = true;
      clearTimeout(timer);
      writeKept(storageKey(currentFile), storyValues(form));
      setStatus(message);
    };

    async function save() {
      if (stopped) return;
      if (saving) {
        again = true;
        return;
      }
      const sent = storyValues(form!);
      if (same(sent, lastSaved) || (!currentFile && !sent.title?.trim())) return;
      saving = true;
      setStatus(text.saving);
      try {
        const response = await fetch('/api/desk/autosave', { method: 'POST', body: new FormData(form!), headers: { Accept: 'application/json' } });
        const answer = (await response.json()) as
          | { ok: true; file: string; base: string; slug: string; translationId: string; editPath: string; savedAt: string }
          | { ok: false; outcome: string; message: string; errors?: Record<string, string> };
        if (answer.ok) {
          const before = storageKey(currentFile);
          currentFile = answer.file;
          setField(form!, 'file', answer.file);
          setField(form!, 'base', answer.base);
          // What the server made of empty fields, so that later saves keep this story's address.
          if (!sent.slug) setField(form!, 'slug', answer.slug);
          if (!sent.translationId) setField(form!, 'translationId', answer.translationId);
          lastSaved = { ...sent, slug: sent.slug || answer.slug, translationId: sent.translationId || answer.translationId };
          removeKept(before);
          // Typed while the save was on its way: still to save, and kept meanwhile.
          const now = storyValues(form!);
          if (same(now, lastSaved)) removeKept(storageKey(currentFile));
          else writeKept(storageKey(currentFile), now);
          setStatus(text.saved.replace('{time}', time(answer.savedAt)));
          if (`${location.pathname}${location.search}` !== answer.editPath) history.replaceState(history.state, '', answer.editPath);
          // The server's view of the saved story: the preview frames and cards, the revisions, the link.
          if (!startedNew) router.refresh();
        } else if (answer.outcome === 'invalid') {
          const names = Object.keys(answer.errors ?? {}).map((f) => text.fields[f] ?? f);
          setStatus(text.invalid.replace('{fields}', names.length ? names.join(', ') : answer.message));
        } else if (answer.outcome === 'conflict') stop(text.conflict);
        else if (answer.outcome === 'signed-out') stop(text.signedOut);
        else if (answer.outcome === 'live') stop(text.live);
        else stop(text.failed.replace('{message}', answer.message));
      } catch {
        stop(text.offline);
      } finally {
        saving = false;
        if (pendingSubmit !== undefined) {
          const submitter = pendingSubmit;
          pendingSubmit = undefined;
          stopped = true;
          form!.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : undefined);
        } else if (again) {
          again = false;
          schedule();
        }
      }
    }

    const onInput = () => {
      writeKept(storageKey(currentFile), storyValues(form));
      schedule();
    };
    const onSubmit = (event: SubmitEvent) => {
      clearTimeout(timer);
      // A save by hand while an autosave is on its way would carry the version before it: wait for it.
      if (saving) {
        event.preventDefault();
        pendingSubmit = event.submitter;
        return;
      }
      stopped = true;
    };
    restoreRef.current = () => {
      const offer = readKept(storageKey(currentFile));
      if (offer) for (const [name, value] of Object.entries(offer.fields)) setField(form, name, value);
      setKept(undefined);
      setStatus(text.restored);
      if (!stopped) schedule();
    };
    discardRef.current = () => {
      removeKept(storageKey(currentFile));
      setKept(undefined);
    };
    form.addEventListener('input', onInput);
    form.addEventListener('submit', onSubmit);
    return () => {
      clearTimeout(timer);
      form.removeEventListener('input', onInput);
      form.removeEventListener('submit', onSubmit);
    };
    // Once per mounted form: the server's refresh gives the same props, and the state lives here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div ref={anchor} className="desk-autosave">
      <p role="status" className="desk-hint">
        {status}
      </p>
      {kept ? (
        <div className="desk-autosave-kept">
          <p>{text.kept.replace('{time}', time(kept.at))}</p>
          <button type="button" onClick={() => restoreRef.current()}>
            {text.restore}
          </button>{' '}
          <button type="button" onClick={() => discardRef.current()}>
            {text.discard}
          </button>
        </div>
      ) : null}
    </div>
  );
}
