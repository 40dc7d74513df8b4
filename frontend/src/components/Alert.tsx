import { useEffect, useRef, type ReactNode } from 'react';

export interface AlertProps {
  tone?: 'error' | 'info' | 'success' | 'warning';
  title?: string;
  children?: ReactNode;
  id?: string;
  /**
   * Moves focus to the message when it appears (and whenever `focusKey` changes): for the result of
   * an action whose button has gone away, so that keyboard users continue from the message.
   */
  focus?: boolean;
  focusKey?: unknown;
  className?: string;
}

/**
 * A message box. Errors are `role="alert"` so that they are announced when they appear;
 * other tones are a polite `status`.
 */
export function Alert({ tone = 'info', title, children, id, focus = false, focusKey, className }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus) return;
    // After every other effect of this commit (a closing dialog gives focus back first).
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [focus, focusKey]);
  return (
    <div
      ref={ref}
      id={id}
      className={['alert', `alert--${tone}`, className ?? ''].filter(Boolean).join(' ')}
      role={tone === 'error' ? 'alert' : 'status'}
      tabIndex={focus ? -1 : undefined}
    >
      {title && <p className="alert__title">{title}</p>}
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}
