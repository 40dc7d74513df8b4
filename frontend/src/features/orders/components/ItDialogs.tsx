import { useRef, useState, type FormEvent } from 'react';
import { Button, Dialog, focusFirstInvalid, FormError, TextAreaField, TextField } from '@/components';
import { ApiError, fieldErrors } from '@/lib/api';
import { useT } from '@/lib/i18n';
import { useCompleteOrder } from '../api/complete-order';
import { useRejectOrder } from '../api/reject-order';
import { useReturnOrder } from '../api/return-order';
import type { Order, OrderListItem } from '../api/types';

interface DialogProps {
  order: OrderListItem | Order;
  onClose: () => void;
  onDone: () => void;
  /** Anything but the API refusing a field (a 409, 412, …): the dialog closes and the page says why. */
  onFailed: (error: unknown) => void;
}

/** A 422 stays in the dialog, beside its field; anything else is the page's to report. */
function isFieldProblem(error: unknown) {
  return error instanceof ApiError && error.status === 422;
}

function useDialogForm() {
  const formRef = useRef<HTMLFormElement>(null);
  return { formRef, focusError: () => focusFirstInvalid(formRef.current) };
}

function who(order: OrderListItem | Order) {
  return `${order.subject.first_name} ${order.subject.last_name}`;
}

/** Klarmarkera: optionally the person's user name in the system (shown to the orderer) and a note. */
export function CompleteDialog({ order, onClose, onDone, onFailed }: DialogProps) {
  const t = useT();
  const complete = useCompleteOrder();
  const [accountName, setAccountName] = useState('');
  const [note, setNote] = useState('');
  const { formRef, focusError } = useDialogForm();
  const errors = fieldErrors(complete.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (complete.isPending) return;
    complete.mutate(
      { order, body: { account_name: accountName.trim() || null, note: note.trim() || null } },
      { onSuccess: onDone, onError: (e) => (isFieldProblem(e) ? focusError() : onFailed(e)) },
    );
  }

  return (
    <Dialog title={t('order.completeTitle', { reference: order.reference })} onClose={onClose}>
      <form ref={formRef} className="form" noValidate onSubmit={submit}>
        <p>{t('order.completeBody', { permission: order.permission_name, system: order.system_name, name: who(order) })}</p>
        <FormError error={isFieldProblem(complete.error) ? complete.error : null} />
        <TextField
          id="complete-account-name"
          label={t('order.accountName')}
          hint={t('order.accountNameHint', { system: order.system_name })}
          autoComplete="off"
          spellCheck={false}
          value={accountName}
          onChange={(e) => setAccountName(e.target.value)}
          error={errors['account_name']}
          data-autofocus=""
        />
        <TextAreaField
          id="complete-note"
          label={t('order.note')}
          hint={t('order.noteHint')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors['note']}
        />
        <div className="dialog__actions">
          <Button type="submit" busy={complete.isPending}>
            {t('order.action.complete')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

interface TextDialogProps extends DialogProps {
  kind: 'reject' | 'return';
}

/** Avvisa (asks for Anledning) and Returnera (asks for Fråga): one mandatory text, checked by the API. */
function TextDialog({ kind, order, onClose, onDone, onFailed }: TextDialogProps) {
  const t = useT();
  const reject = useRejectOrder();
  const giveBack = useReturnOrder();
  const mutation = kind === 'reject' ? reject : giveBack;
  const [text, setText] = useState('');
  const { formRef, focusError } = useDialogForm();
  const field = kind === 'reject' ? 'reason' : 'question';
  const errors = fieldErrors(mutation.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const handlers = { onSuccess: onDone, onError: (e: unknown) => (isFieldProblem(e) ? focusError() : onFailed(e)) };
    if (kind === 'reject') reject.mutate({ order, body: { reason: text } }, handlers);
    else giveBack.mutate({ order, body: { question: text } }, handlers);
  }

  return (
    <Dialog title={t(kind === 'reject' ? 'order.rejectTitle' : 'order.returnTitle', { reference: order.reference })} onClose={onClose}>
      <form ref={formRef} className="form" noValidate onSubmit={submit}>
        <p>{t(kind === 'reject' ? 'order.rejectBody' : 'order.returnBody', { name: who(order) })}</p>
        <FormError error={isFieldProblem(mutation.error) ? mutation.error : null} />
        <TextAreaField
          id={`${kind}-text`}
          label={t(kind === 'reject' ? 'order.reason' : 'order.question')}
          hint={t(kind === 'reject' ? 'order.reasonHint' : 'order.questionHint')}
          required
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={errors[field]}
          data-autofocus=""
        />
        <div className="dialog__actions">
          <Button type="submit" busy={mutation.isPending}>
            {t(kind === 'reject' ? 'order.action.reject' : 'order.action.return')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function RejectDialog(props: DialogProps) {
  return <TextDialog kind="reject" {...props} />;
}

export function ReturnDialog(props: DialogProps) {
  return <TextDialog kind="return" {...props} />;
}
