import { deskLocale, deskTranslations } from '@/app/desk/session';
import { PhotoField } from '@/app/desk/stories/PhotoField';
import type { DeskUser } from '@/lib/desk/accounts';
import { can } from '@/lib/desk/roles';
import type { StoryRevision } from '@/lib/desk/store';
import type { StoryState } from '@/lib/desk/stories';
import { MAX_BODY_CHARS, type FieldErrors, type StoryField, type StoryFields } from '@/lib/desk/story-form';
import { sectionIds } from '@/lib/site';
import { language, locales } from '@/i18n/languages';
import { getTranslations } from 'next-intl/server';
import { actionMessageKey, CorrectionField, StartTranslation, SubmitForReviewButton, type StoryWorkflowProps } from '@/app/desk/stories/StoryWorkflow';
import { StoryAutosave } from '@/app/desk/stories/StoryAutosave';

export interface StoryEditorProps {
  user: DeskUser;
  fields: StoryFields;
  errors: FieldErrors;
  /** The stored file the form edits ("locale/slug.md"); empty for a new story. */
  file: string;
  base: string;
  state?: StoryState;
  /** A sentence above the form: what was done, or why nothing was. */
  notice?: { kind: 'done' | 'problem'; text: string };
  /** The stored version, when the save was refused because someone else changed it. */
  theirs?: StoryFields;
  revisions: StoryRevision[];
  /** Review, corrections and translations (app/desk/stories/StoryWorkflow.tsx). */
  workflow?: StoryWorkflowProps;
}

const TEXT_FIELDS: readonly { name: StoryField; long?: boolean; hint?: boolean; type?: string }[] = [
  { name: 'title' },
  { name: 'slug', hint: true },
  { name: 'translationId', hint: true },
  { name: 'summary', long: true },
  { name: 'tags', hint: true },
  { name: 'author' },
  { name: 'sourceName' },
  { name: 'sourceUrl', type: 'url' },
  { name: 'publishedAt', hint: true },
  { name: 'imageSrc' },
  { name: 'imageAlt' },
  { name: 'imageCaption' },
  { name: 'imageCredit' },
  { name: 'imageWidth', type: 'number' },
  { name: 'imageHeight', type: 'number' },
];

/**
 * The story form: every front-matter field with the schema's message next to it (aria-invalid and
 * aria-describedby), the Markdown body, and the buttons this account's role and the story's state
 * allow. A plain form to /api/desk/stories: it works without JavaScript.
 */
export async function StoryEditor({ user, fields, errors, file, base, state, notice, theirs, revisions, workflow }: StoryEditorProps) {
  const [t, sections] = await Promise.all([deskTranslations(), getTranslations({ locale: deskLocale, namespace: 'Sections' })]);
  const { intlLocale, timeZone } = language(deskLocale);
  const when = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const mayPublish = can(user.role, 'story.publish');
  const live = state === 'published' || state === 'corrected' || state === 'scheduled';
  const describedBy = (name: string, hint?: boolean) => [hint ? `${name}-hint` : '', errors[name as StoryField] ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errorOf = (name: StoryField) =>
    errors[name] ? (
      <p className="desk-field-error" id={`${name}-error`}>
        {t(`edit.fields.${name}`)} {errors[name]}
      </p>
    ) : null;
  const formProblem = errors.form ?? errors.updatedAt ?? errors.status;
  return (
    <>
      {notice ? (
        <p className={notice.kind === 'done' ? 'desk-note' : 'desk-alert'} role={notice.kind === 'done' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      ) : null}
      {Object.keys(errors).length ? (
        <p className="desk-alert" role="alert">
          {t('edit.invalid', { count: Object.keys(errors).length })}
          {formProblem ? ` ${formProblem}` : ''}
        </p>
      ) : null}
      {theirs ? (
        <section className="desk-conflict" aria-labelledby="conflict-title">
          <h2 id="conflict-title">{t('edit.conflict.title')}</h2>
          <p>{t('edit.conflict.intro')}</p>
          <h3>{t('edit.conflict.theirs')}</h3>
          <dl className="desk-theirs">
            <dt>{t('edit.fields.title')}</dt>
            <dd>{theirs.title}</dd>
            <dt>{t('edit.fields.summary')}</dt>
            <dd>{theirs.summary}</dd>
            <dt>{t('edit.fields.body')}</dt>
            <dd>
              <pre>{theirs.body}</pre>
            </dd>
          </dl>
          <p>{t('edit.conflict.yours')}</p>
        </section>
      ) : null}
      <form method="post" action="/api/desk/stories" className="desk-form desk-story-form" noValidate>
        <input type="hidden" name="file" value={file} />
        <input type="hidden" name="base" value={base} />
        <p className="desk-story-meta">
          {t('edit.state')}: <span className="desk-state">{state ? t(`states.${state}`) : t('edit.new')}</span>
        </p>
        <StoryAutosave file={file} enabled={(!state || state === 'draft') && !theirs} />
        {TEXT_FIELDS.slice(0, 3).map((f) => field(f))}
        <label htmlFor="locale">{t('edit.fields.locale')}</label>
        <select id="locale" name="locale" defaultValue={fields.locale} aria-invalid={errors.locale ? true : undefined} aria-describedby={describedBy('locale')}>
          {locales.map((l) => (
            <option key={l} value={l}>
              {language(l).name}
            </option>
          ))}
        </select>
        {errorOf('locale')}
        <label htmlFor="section">{t('edit.fields.section')}</label>
        <select id="section" name="section" defaultValue={fields.section} aria-invalid={errors.section ? true : undefined} aria-describedby={describedBy('section')}>
          <option value="">{t('edit.chooseSection')}</option>
          {sectionIds.map((s) => (
            <option key={s} value={s}>
              {sections(s)}
            </option>
          ))}
        </select>
        {errorOf('section')}
        {TEXT_FIELDS.slice(3).map((f) => field(f))}
        <PhotoField fields={fields} errors={errors} />
        <label htmlFor="body">{t('edit.fields.body')}</label>
        <p className="desk-hint" id="body-hint">
          {t('edit.hints.body', { max: MAX_BODY_CHARS.toLocaleString(intlLocale) })}
        </p>
        <textarea
          id="body"
          name="body"
          rows={16}
          defaultValue={fields.body}
          maxLength={MAX_BODY_CHARS}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={describedBy('body', true)}
        />
        {errorOf('body')}
        <div className="desk-actions">
          {!live ? (
            <button type="submit" name="action" value="save">
              {t('edit.actions.save')}
            </button>
          ) : null}
          <SubmitForReviewButton user={user} live={live} />
          {mayPublish && !live ? (
            <>
              <button type="submit" name="action" value={state === 'taken-down' ? 'restore' : 'publish'}>
                {t(state === 'taken-down' ? 'edit.actions.restore' : 'edit.actions.publish')}
              </button>
              <button type="submit" name="action" value="schedule">
                {t('edit.actions.schedule')}
              </button>
            </>
          ) : null}
          {mayPublish && live ? (
            <button type="submit" name="action" value="update">
              {t('edit.actions.update')}
            </button>
          ) : null}
          {mayPublish && state === 'scheduled' ? (
            <button type="submit" name="action" value="unschedule">
              {t('edit.actions.unschedule')}
            </button>
          ) : null}
        </div>
        {/* After the actions: Enter in a field sends the form's first button, which must stay "save changes". */}
        <CorrectionField user={user} {...(state ? { state } : {})} errors={errors} {...(workflow ? { workflow } : {})} />
        {live && !mayPublish ? <p className="desk-hint">{t('edit.liveForEditors')}</p> : null}
      </form>
      {mayPublish && (state === 'published' || state === 'corrected') ? (
        <form method="post" action="/api/desk/stories" className="desk-form desk-takedown">
          <h2>{t('edit.takedown.title')}</h2>
          <input type="hidden" name="file" value={file} />
          <input type="hidden" name="base" value={base} />
          <label htmlFor="reason">{t('edit.takedown.reason')}</label>
          <textarea id="reason" name="reason" rows={3} required maxLength={2000} />
          <p className="desk-confirm">
            <input id="confirm" name="confirm" type="checkbox" value="yes" required />
            <label htmlFor="confirm">{t('edit.takedown.confirm')}</label>
          </p>
          <button type="submit" name="action" value="takedown">
            {t('edit.actions.takedown')}
          </button>
        </form>
      ) : null}
      <StartTranslation user={user} file={file} {...(workflow ? { workflow } : {})} />
      {file ? (
        <section aria-labelledby="revisions-title" className="desk-revisions">
          <h2 id="revisions-title">{t('edit.revisions.title')}</h2>
          {revisions.length ? <p><a href={`/desk/stories/${file.replace(/\.md$/, '')}/revisions`}>{t('history.compareLink')}</a></p> : null}
          {revisions.length ? (
            <ol>
              {revisions.map((r) => (
                <li key={r.id}>
                  <time dateTime={new Date(r.at).toISOString()}>{when.format(new Date(r.at))}</time> · {r.actor} · {t(actionMessageKey(r.action, 'revision'))} ·{' '}
                  <a href={`?from=${r.id}`}>{t('edit.revisions.load')}</a>
                </li>
              ))}
            </ol>
          ) : (
            <p>{t('edit.revisions.none')}</p>
          )}
        </section>
      ) : null}
    </>
  );

  function field({ name, long, hint, type }: { name: StoryField; long?: boolean; hint?: boolean; type?: string }) {
    const common = {
      id: name,
      name,
      defaultValue: fields[name],
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': describedBy(name, hint),
    } as const;
    return (
      <div key={name} className="desk-field">
        <label htmlFor={name}>{t(`edit.fields.${name}`)}</label>
        {hint ? (
          <p className="desk-hint" id={`${name}-hint`}>
            {t(`edit.hints.${name}`)}
          </p>
        ) : null}
        {long ? <textarea {...common} rows={3} maxLength={2000} /> : <input {...common} type={type === 'number' ? 'text' : (type ?? 'text')} inputMode={type === 'number' ? 'numeric' : undefined} maxLength={2000} />}
        {errorOf(name)}
      </div>
    );
  }
}
