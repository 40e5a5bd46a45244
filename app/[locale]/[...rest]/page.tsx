import { notFound } from 'next/navigation';

// Any other path under a locale (and unknown locale prefixes, which proxy.ts rewrites here)
// gets the localized 404 page rather than Next's bare one.
export default function UnknownPath(): never {
  notFound();
}
