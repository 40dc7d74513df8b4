import type { ReactNode } from 'react';
import { useT } from '@/lib/i18n';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  /** The confirming button's text: the action itself ("Ta bort beställningsrätt"), never just "OK". */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** Shown inside the dialog, e.g. the API's refusal. */
  error?: ReactNode;
  restoreFocus?: boolean;
}

/**
 * Asks before something that cannot simply be undone. Focus starts on "Avbryt", the harmless
 * choice; Escape cancels.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  error,
  restoreFocus,
}: ConfirmDialogProps) {
  const t = useT();
  return (
    <Dialog title={title} onClose={onCancel} restoreFocus={restoreFocus}>
      <div className="dialog__body">{children}</div>
      {error}
      <div className="dialog__actions">
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel} data-autofocus="">
          {t('common.cancel')}
        </Button>
      </div>
    </Dialog>
  );
}
