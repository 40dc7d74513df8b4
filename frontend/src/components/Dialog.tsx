import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  /** The dialog's heading, which is also its accessible name. */
  title: string;
  /** Called for Escape and for the browser closing the dialog; the parent then stops rendering it. */
  onClose: () => void;
  children: ReactNode;
  /** Give focus back to the element that had it when the dialog opened (default true). */
  restoreFocus?: boolean;
  className?: string;
}

/**
 * A modal dialog on the native `<dialog>` element: render it to open it, stop rendering it to close
 * it. `showModal()` makes the rest of the page inert (focus stays inside) and Escape closes it.
 * Focus goes to the element marked `data-autofocus` (else the first focusable one), and back to
 * the element that opened the dialog when it closes.
 */
export function Dialog({ title, onClose, children, restoreFocus = true, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `d${useId().replace(/:/g, '')}`;
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const restoreRef = useRef(restoreFocus);
  restoreRef.current = restoreFocus;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      try {
        dialog.showModal();
      } catch {
        dialog.setAttribute('open', '');
      }
    }
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (restoreRef.current && opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={['dialog', className ?? ''].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      onClose={() => onCloseRef.current()}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
