const INPUTS = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';
const FIELDS = `${INPUTS}, button:not([disabled])`;

/**
 * Scrolls the element `selector` names into view and focuses it, or its first enabled field when
 * it is a form or a section; false when the page has no such element.
 */
export function focusFirstField(selector: string, root: ParentNode = document): boolean {
  const target = root.querySelector<HTMLElement>(selector);
  if (!target) return false;
  // A form's first input, not the preset buttons above its fields.
  const field = target.matches(FIELDS)
    ? target
    : (target.querySelector<HTMLElement>(INPUTS) ?? target.querySelector<HTMLElement>(FIELDS) ?? target);
  target.scrollIntoView({ block: 'start', behavior: 'smooth' });
  // preventScroll: the smooth scroll above places the whole form, not just its first field.
  field.focus({ preventScroll: true });
  return true;
}
