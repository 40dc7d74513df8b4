import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** "← Alla utförare": the way back to the list a detail page belongs to. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="back-link">
      <Link to={to}>
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}
