/** The red star of a mandatory field; its meaning reaches screen readers through the field's description. */
export function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true">
      {' *'}
    </span>
  );
}
