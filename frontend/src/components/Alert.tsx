import type { ReactNode } from 'react';

export interface AlertProps {
  tone?: 'error' | 'info' | 'success';
  title?: string;
  children?: ReactNode;
  id?: string;
}

/**
 * A message box. Errors are `role="alert"` so that they are announced when they appear;
 * other tones are a polite `status`.
 */
export function Alert({ tone = 'info', title, children, id }: AlertProps) {
  return (
    <div id={id} className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="alert__title">{title}</p>}
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}
