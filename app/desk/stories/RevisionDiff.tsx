import { deskTranslations } from '@/app/desk/session';
import type { DiffField, FieldDiff } from '@/lib/desk/revision-diff';
import '@/app/desk/history.css';

/**
 * The word diff of two revisions: each changed field under its name, deletions in <del> and
 * insertions in <ins>, struck through and underlined (not told by colour alone), each announced in
 * words to a screen reader (most read <del>/<ins> as plain text). Every part is rendered as text.
 */
export async function RevisionDiff({ from, to, diff }: { from: number; to: number; diff: FieldDiff[] }) {
  const t = await deskTranslations();
  const label = (field: DiffField) => (field === 'status' ? t('history.status') : t(`edit.fields.${field}`));
  const changed = diff.filter((f) => f.changed);
  const unchanged = diff.filter((f) => !f.changed && f.parts.length);
  return (
    <section aria-labelledby="diff-title" className="desk-diff">
      <h2 id="diff-title">{t('history.diffTitle', { from, to })}</h2>
      {changed.length ? <p className="desk-hint">{t('history.legend')}</p> : <p>{t('history.same')}</p>}
      {changed.map((f) => (
        <div key={f.field} data-field={f.field}>
          <h3>{label(f.field)}</h3>
          <p className="desk-diff-text">
            {f.parts.map((part, i) =>
              part.kind === 'same' ? (
                <span key={i}>{part.text}</span>
              ) : part.kind === 'del' ? (
                <del key={i}>
                  <span className="desk-vh">{t('history.deleted')}</span>
                  {part.text}
                  <span className="desk-vh">{t('history.end')}</span>
                </del>
              ) : (
                <ins key={i}>
                  <span className="desk-vh">{t('history.inserted')}</span>
                  {part.text}
                  <span className="desk-vh">{t('history.end')}</span>
                </ins>
              ),
            )}
          </p>
        </div>
      ))}
      {changed.length && unchanged.length ? <p>{t('history.unchanged', { fields: unchanged.map((f) => label(f.field)).join(', ') })}</p> : null}
    </section>
  );
}
