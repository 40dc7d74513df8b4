import { Dialog } from './Dialog';
import { Form, type FormProps } from './Form';

export interface FormDialogProps extends Omit<FormProps, 'onCancel' | 'className'> {
  /** The dialog's heading and accessible name. */
  title: string;
  /** Escape, the browser closing the dialog, and "Avbryt": the parent stops rendering it. */
  onClose: () => void;
}

/**
 * A modal dialog around one form (`Form`): the fields, the summary of a refusal beside them, the
 * submit button and "Avbryt". The parent closes it on success, from `submit`'s `onSuccess`.
 */
export function FormDialog({ title, onClose, ...form }: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      <Form {...form} onCancel={onClose} />
    </Dialog>
  );
}
