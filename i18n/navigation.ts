import { createNavigation } from 'next-intl/navigation';
import { routing } from '@/i18n/routing';

// Plain <a> elements are used for links (full page loads of static HTML, no client router);
// only getPathname is needed from next-intl's navigation helpers.
export const { getPathname } = createNavigation(routing);
