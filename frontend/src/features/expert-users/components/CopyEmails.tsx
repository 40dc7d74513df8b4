import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, TextAreaField } from '@/components';
import { copyText } from '@/lib/files';
import { plural, useT } from '@/lib/i18n';
import '../words';

/** How the addresses are joined: Outlook and most mail programs take `; ` between recipients. */
export const EMAIL_SEPARATOR = '; ';

/**
 * "Kopiera alla e-postadresser": puts the listed addresses on the clipboard and says so in a polite
 * live region. Where the Clipboard API is missing or refused, the addresses appear in a field, selected,
 * to copy by hand. `children` (more buttons) stand beside the button.
 */
export function CopyEmails({ emails, children }: { emails: string[]; children?: ReactNode }) {
  const t = useT();
  const [message, setMessage] = useState('');
  const [fallback, setFallback] = useState<string | null>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const text = emails.join(EMAIL_SEPARATOR);

  // The list changed (other filters): an old confirmation or fallback no longer fits.
  useEffect(() => {
    setMessage('');
    setFallback(null);
  }, [text]);

  useEffect(() => {
    if (fallback === null) return;
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [fallback]);

  async function copy() {
    setMessage('');
    if (await copyText(text)) {
      setFallback(null);
      setMessage(plural(t, 'expertUsers.copied', emails.length));
    } else {
      setFallback(text);
      setMessage(t('expertUsers.copyFallback'));
    }
  }

  return (
    <>
      <div className="toolbar">
        <Button variant="secondary" onClick={() => void copy()} disabled={emails.length === 0}>
          {t('expertUsers.copy')}
        </Button>
        {children}
      </div>
      <p className="copy-status" role="status">
        {message}
      </p>
      {fallback !== null && (
        <TextAreaField
          ref={fieldRef}
          id="expert-users-emails"
          label={t('expertUsers.emailsToCopy')}
          hint={t('expertUsers.copyFallbackHint')}
          readOnly
          rows={3}
          value={fallback}
          className="copy-fallback"
        />
      )}
    </>
  );
}
