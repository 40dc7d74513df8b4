import { useEffect, type ReactNode } from 'react';
import { useT } from '@/lib/i18n';

export interface PageProps {
  title: string;
  children?: ReactNode;
  /** Content beside the heading, e.g. an action button. */
  actions?: ReactNode;
}

/**
 * A page: sets the document title and renders the page's one h1. The layout moves focus to this
 * heading after client-side navigation, so screen reader users hear where they landed.
 */
export function Page({ title, children, actions }: PageProps) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <div className="page-header">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}
