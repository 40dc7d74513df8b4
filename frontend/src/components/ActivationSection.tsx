import { useState, type ReactNode } from 'react';
import { useT } from '@/lib/i18n';
import { Alert } from './Alert';
import { Button } from './Button';
import { ConfirmDialog } from './ConfirmDialog';
import { errorText } from './ErrorMessage';

/** The part of an endpoint's mutation (`PATCH` with `{ active }`) the section uses. */
export interface ActiveMutation {
  mutate: (variables: { active: boolean }, callbacks: { onSuccess: () => void; onError: () => void }) => void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

export interface ActivationSectionProps {
  /** The heading's id: the section's accessible name. */
  headingId: string;
  heading: string;
  active: boolean;
  /** What the present state means, in words. */
  stateText: string;
  deactivateLabel: string;
  activateLabel: string;
  /** The question before deactivating, and what deactivating does. */
  confirmTitle: string;
  confirmBody: ReactNode;
  /** The announcement once the change is made, for the new state. */
  doneText: (active: boolean) => string;
  mutation: ActiveMutation;
}

/**
 * Whether something (an account, a provider, a system) is in use, and the button that changes it:
 * deactivating asks first, activating does not. The result, or the API's refusal, is announced and
 * takes focus (the button pressed has gone).
 */
export function ActivationSection({
  headingId,
  heading,
  active,
  stateText,
  deactivateLabel,
  activateLabel,
  confirmTitle,
  confirmBody,
  doneText,
  mutation,
}: ActivationSectionProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ text: string; key: number } | null>(null);

  function setActive(next: boolean) {
    mutation.mutate(
      { active: next },
      {
        onSuccess: () => {
          setConfirming(false);
          setResult({ text: doneText(next), key: Date.now() });
        },
        onError: () => setConfirming(false),
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className="section card">
      <h2 id={headingId}>{heading}</h2>
      {result && (
        <Alert tone="success" focus focusKey={result.key}>
          {result.text}
        </Alert>
      )}
      {mutation.isError && (
        <Alert tone="error" focus>
          {errorText(mutation.error, t)}
        </Alert>
      )}
      <p>{stateText}</p>
      {active ? (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {deactivateLabel}
        </Button>
      ) : (
        <Button variant="secondary" busy={mutation.isPending} onClick={() => setActive(true)}>
          {activateLabel}
        </Button>
      )}
      {confirming && (
        <ConfirmDialog
          title={confirmTitle}
          confirmLabel={deactivateLabel}
          busy={mutation.isPending}
          onConfirm={() => setActive(false)}
          onCancel={() => setConfirming(false)}
        >
          {confirmBody}
        </ConfirmDialog>
      )}
    </section>
  );
}
