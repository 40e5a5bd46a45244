'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { SiteFrame, type SiteFrameContent } from '@/components/SiteFrame';

/**
 * What the error page shows, resolved in the page's language by the layout (app/[locale]/layout.tsx):
 * an error boundary is a client component with no request of its own to read labels from.
 */
export interface ErrorPageContent {
  frame: SiteFrameContent;
  text: { title: string; body: string; retry: string; home: string };
}

const ErrorPageContext = createContext<ErrorPageContent | null>(null);

export function ErrorPageProvider({ content, children }: { content: ErrorPageContent; children: ReactNode }) {
  return <ErrorPageContext value={content}>{children}</ErrorPageContext>;
}

/** The error page of app/[locale]/error.tsx, with what the layout gave ErrorPageProvider. */
export function ErrorPage({ onRetry }: { onRetry: () => void }) {
  const content = useContext(ErrorPageContext);
  // Without the layout's content there is nothing localized to show: the root error page takes over.
  if (!content) throw new Error('ErrorPage needs ErrorPageProvider (app/[locale]/layout.tsx) above it');
  return <ErrorView {...content} onRetry={onRetry} />;
}

/**
 * "Something went wrong" inside the site's frame, in the page's language: a retry and a way home.
 * It never shows the error itself: a message may hold details that are not for readers.
 */
export function ErrorView({ frame, text, onRetry }: ErrorPageContent & { onRetry: () => void }) {
  return (
    <SiteFrame {...frame}>
      <div className="container not-found">
        <h1 className="page-title">{text.title}</h1>
        <p>{text.body}</p>
        <p>
          <button type="button" className="button" onClick={onRetry}>
            {text.retry}
          </button>
        </p>
        <p>
          <a href={frame.home.href}>{text.home}</a>
        </p>
      </div>
    </SiteFrame>
  );
}
