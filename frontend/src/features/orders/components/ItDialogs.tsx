import { useState } from 'react';
import { FormDialog, TextAreaField, TextField, useFormMutation, type FormMutation } from '@/components';
import { ApiError } from '@/lib/api';
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
const keeps = (error: unknown) => error instanceof ApiError && error.status === 422;

function who(order: OrderListItem | Order) {
  return `${order.subject.first_name} ${order.subject.last_name}`;
}

/** Klarmarkera: optionally the person's user name in the system (shown to the orderer) and a note. */
export function CompleteDialog({ order, onClose, onDone, onFailed }: DialogProps) {
  const t = useT();
  const complete = useFormMutation(useCompleteOrder(), { keeps });
  const [accountName, setAccountName] = useState('');
  const [note, setNote] = useState('');

  function submit() {
    complete.submit(
      { order, body: { account_name: accountName.trim() || null, note: note.trim() || null } },
      { onSuccess: () => onDone(), onError: onFailed },
    );
  }

  return (
    <FormDialog
      title={t('order.completeTitle', { reference: order.reference })}
      onClose={onClose}
      form={complete}
      onSubmit={submit}
      submitLabel={t('order.action.complete')}
      intro={<p>{t('order.completeBody', { permission: order.permission_name, system: order.system_name, name: who(order) })}</p>}
    >
      <TextField
        id="complete-account-name"
        label={t('order.accountName')}
        hint={t('order.accountNameHint', { system: order.system_name })}
        autoComplete="off"
        spellCheck={false}
        value={accountName}
        onChange={(e) => setAccountName(e.target.value)}
        error={complete.errors['account_name']}
        data-autofocus=""
      />
      <TextAreaField
        id="complete-note"
        label={t('order.note')}
        hint={t('order.noteHint')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={complete.errors['note']}
      />
    </FormDialog>
  );
}

interface TextDialogProps extends DialogProps {
  kind: 'reject' | 'return';
  form: FormMutation<unknown, never>;
  /** The field the API checks the text at. */
  field: string;
  send: (text: string) => void;
}

/** Avvisa (asks for Anledning) and Returnera (asks for Fråga): one mandatory text, checked by the API. */
function TextDialog({ kind, order, onClose, form, field, send }: TextDialogProps) {
  const t = useT();
  const [text, setText] = useState('');

  return (
    <FormDialog
      title={t(kind === 'reject' ? 'order.rejectTitle' : 'order.returnTitle', { reference: order.reference })}
      onClose={onClose}
      form={form}
      onSubmit={() => send(text)}
      submitLabel={t(kind === 'reject' ? 'order.action.reject' : 'order.action.return')}
      intro={<p>{t(kind === 'reject' ? 'order.rejectBody' : 'order.returnBody', { name: who(order) })}</p>}
    >
      <TextAreaField
        id={`${kind}-text`}
        label={t(kind === 'reject' ? 'order.reason' : 'order.question')}
        hint={t(kind === 'reject' ? 'order.reasonHint' : 'order.questionHint')}
        required
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={form.errors[field]}
        data-autofocus=""
      />
    </FormDialog>
  );
}

export function RejectDialog(props: DialogProps) {
  const reject = useFormMutation(useRejectOrder(), { keeps });
  const send = (reason: string) =>
    reject.submit({ order: props.order, body: { reason } }, { onSuccess: () => props.onDone(), onError: props.onFailed });
  return <TextDialog kind="reject" field="reason" form={reject} send={send} {...props} />;
}

export function ReturnDialog(props: DialogProps) {
  const giveBack = useFormMutation(useReturnOrder(), { keeps });
  const send = (question: string) =>
    giveBack.submit({ order: props.order, body: { question } }, { onSuccess: () => props.onDone(), onError: props.onFailed });
  return <TextDialog kind="return" field="question" form={giveBack} send={send} {...props} />;
}
