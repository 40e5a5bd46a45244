import { searchLimits } from '@/lib/site';

export interface SearchFormProps {
  /** The language's search path (lib/urls.ts searchPath): a GET form, so it works without JavaScript. */
  action: string;
  /** The field's label, read by screen readers (and shown on the search page). */
  label: string;
  submit: string;
  /** Where the form is: its ids and its look. */
  place: 'header' | 'drawer' | 'page';
  /** The reader's words, on the search page. */
  value?: string;
  autoFocus?: boolean;
}

/**
 * The search box: a labelled search field and a button, submitting `q` to the language's search
 * page. The header's is the page's search landmark; the drawer's sits in the drawer (a second
 * landmark of the same name would be one too many while both show, without JavaScript), the search
 * page's is its main content.
 * On a phone the header shows the button alone (its field hidden by CSS): it opens the search page,
 * whose field takes focus, and the drawer holds a whole box.
 */
export function SearchForm({ action, label, submit, place, value, autoFocus }: SearchFormProps) {
  const id = `${place}-search-q`;
  return (
    <form role={place === 'header' ? 'search' : undefined} aria-label={place === 'header' ? label : undefined} action={action} method="get" className={`search-form search-form-${place}`}>
      <label htmlFor={id} className={place === 'page' ? 'search-label' : 'visually-hidden'}>
        {label}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={value}
        // The header's and the drawer's fields have no visible label: the placeholder says what they are for.
        placeholder={place === 'page' ? undefined : `${label}…`}
        maxLength={searchLimits.maxQueryLength}
        enterKeyHint="search"
        autoComplete="off"
        autoFocus={autoFocus}
      />
      <button type="submit">
        <SearchIcon />
        <span className={place === 'header' ? 'search-submit-text' : undefined}>{submit}</span>
      </button>
    </form>
  );
}

function SearchIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
      <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
