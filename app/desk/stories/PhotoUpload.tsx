'use client';

import Link from 'next/link';
import { useId, useRef, useState, useSyncExternalStore, type DragEvent, type MouseEvent } from 'react';

export interface PhotoUploadLabels {
  legend: string;
  intro: string;
  choose: string;
  drop: string;
  uploading: string;
  /** With "{width}" and "{height}" left in, filled here. */
  uploaded: string;
  failed: string;
  /** With "{size}" left in: a file over the limit, refused before it is sent. */
  tooLarge: string;
  preview: string;
  focusHint: string;
  focusX: string;
  focusY: string;
  withoutScript: string;
}

interface Props {
  labels: PhotoUploadLabels;
  maxBytes: number;
  focusX: string;
  focusY: string;
  focusProblem?: string;
  preview?: string;
}

/** Sets a field of the story form (rendered by StoryEditor) as if the editor had typed it. */
function setFormField(id: string, value: string) {
  const input = document.getElementById(id);
  if (input instanceof HTMLInputElement) input.value = value;
}

const noSubscription = () => () => undefined;

const clampPercent = (v: number) => Math.round(Math.min(100, Math.max(0, v)));

/** The upload and focal point controls (PhotoField.tsx renders them with their text). A leaf: the rest of the form is server-rendered. */
export function PhotoUpload({ labels, maxBytes, focusX, focusY, focusProblem, preview: initialPreview }: Props) {
  const id = useId();
  // False in the server's HTML (the link to the plain upload page), true once the script runs.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const [preview, setPreview] = useState(initialPreview);
  const [focus, setFocus] = useState({ x: focusX, y: focusY });
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'done' | 'error'; text: string }>({ kind: 'idle', text: '' });
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  async function upload(file: File) {
    // The server refuses it too (by its Content-Length, before reading); this spares a phone the upload.
    if (file.size > maxBytes) {
      setStatus({ kind: 'error', text: labels.tooLarge.replace('{size}', `${Math.round(file.size / 1048576)} MB`) });
      if (fileInput.current) fileInput.current.value = '';
      return;
    }
    setStatus({ kind: 'busy', text: labels.uploading });
    const body = new FormData();
    body.set('photo', file);
    try {
      const response = await fetch('/api/desk/photos', { method: 'POST', body, headers: { Accept: 'application/json' } });
      const answer = (await response.json().catch(() => ({}))) as { src?: string; width?: number; height?: number; preview?: string; message?: string };
      if (!response.ok || !answer.src) {
        setStatus({ kind: 'error', text: answer.message ?? labels.failed });
        return;
      }
      setFormField('imageSrc', answer.src);
      setFormField('imageWidth', String(answer.width));
      setFormField('imageHeight', String(answer.height));
      setPreview(answer.preview);
      setStatus({ kind: 'done', text: labels.uploaded.replace('{width}', String(answer.width)).replace('{height}', String(answer.height)) });
      // Alt text is required with a photo: the editor is taken to it.
      const alt = document.getElementById('imageAlt');
      if (alt instanceof HTMLInputElement) {
        alt.required = true;
        if (!alt.value) alt.focus();
      }
    } catch {
      setStatus({ kind: 'error', text: labels.failed });
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  }

  function pickFocus(event: MouseEvent<HTMLImageElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    setFocus({ x: String(clampPercent(((event.clientX - box.left) / box.width) * 100)), y: String(clampPercent(((event.clientY - box.top) / box.height) * 100)) });
  }

  const marker = { x: Number(focus.x || 50), y: Number(focus.y || 50) };
  return (
    <fieldset className="desk-photo">
      <legend>{labels.legend}</legend>
      <p className="desk-hint" id={`${id}-intro`}>
        {labels.intro}
      </p>
      {enhanced ? (
        <div
          className={over ? 'desk-drop is-over' : 'desk-drop'}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="photo-drop"
        >
          <label htmlFor={`${id}-file`}>{labels.choose}</label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            aria-describedby={`${id}-intro ${id}-status`}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void upload(file);
            }}
          />
          <span className="desk-hint">{labels.drop}</span>
        </div>
      ) : (
        <p>
          <Link href="/desk/photos">{labels.withoutScript}</Link>
        </p>
      )}
      <p id={`${id}-status`} className={status.kind === 'error' ? 'desk-field-error' : 'desk-hint'} role="status" aria-live="polite">
        {status.text}
      </p>
      {preview ? (
        <div className="desk-photo-preview">
          {/* eslint-disable-next-line @next/next/no-img-element -- a derivative from lib/media; next/image's optimiser is off (decision 004) */}
          <img src={preview} alt={labels.preview} onClick={pickFocus} />
          <span className="desk-focus-marker" aria-hidden="true" style={{ left: `${marker.x}%`, top: `${marker.y}%` }} />
        </div>
      ) : null}
      <p className="desk-hint" id={`${id}-focus-hint`}>
        {labels.focusHint}
      </p>
      <div className="desk-focus">
        <label htmlFor="imageFocusX">{labels.focusX}</label>
        <input
          id="imageFocusX"
          name="imageFocusX"
          type="number"
          min={0}
          max={100}
          step={1}
          inputMode="numeric"
          value={focus.x}
          onChange={(e) => setFocus({ ...focus, x: e.currentTarget.value })}
          aria-describedby={`${id}-focus-hint`}
          aria-invalid={focusProblem ? true : undefined}
        />
        <label htmlFor="imageFocusY">{labels.focusY}</label>
        <input
          id="imageFocusY"
          name="imageFocusY"
          type="number"
          min={0}
          max={100}
          step={1}
          inputMode="numeric"
          value={focus.y}
          onChange={(e) => setFocus({ ...focus, y: e.currentTarget.value })}
          aria-describedby={`${id}-focus-hint`}
          aria-invalid={focusProblem ? true : undefined}
        />
      </div>
      {focusProblem ? <p className="desk-field-error">{focusProblem}</p> : null}
    </fieldset>
  );
}
