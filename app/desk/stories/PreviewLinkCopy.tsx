'use client';

import { useState, useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/**
 * The "Copy" button beside the preview link. Without JavaScript there is no button (it could not
 * work): the read-only field is there to select and copy. Where the clipboard is refused (an http
 * page, a browser's setting), the link is selected and the editor told how to copy it.
 */
export function PreviewLinkCopy({ inputId, text }: { inputId: string; text: { copy: string; copied: string; failed: string } }) {
  // False in the server's HTML, true once the browser runs this: the button only where it can work.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const [said, setSaid] = useState('');
  if (!ready) return null;
  const copy = async () => {
    const input = document.getElementById(inputId) as HTMLInputElement | null;
    if (!input) return;
    try {
      await navigator.clipboard.writeText(input.value);
      setSaid(text.copied);
    } catch {
      input.focus();
      input.select();
      setSaid(text.failed);
    }
  };
  return (
    <>
      <button type="button" onClick={copy} aria-describedby={`${inputId}-copied`}>
        {text.copy}
      </button>
      <span id={`${inputId}-copied`} role="status" className="desk-hint">
        {said}
      </span>
    </>
  );
}
