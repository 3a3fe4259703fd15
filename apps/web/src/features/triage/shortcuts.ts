/** What a key press in the triage queue means; null when it is not a shortcut. */
export type TriageCommand =
  | { type: 'move'; by: 1 | -1 }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'accept' }
  | { type: 'alternative'; n: 1 | 2 | 3 }
  | { type: 'correct' }
  | { type: 'cancel' };

/** True for elements that take text (or a choice) from the keyboard: shortcuts must stay out of them. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image', 'range', 'color'].includes(type);
  }
  const role = target.getAttribute('role');
  return role === 'combobox' || role === 'textbox' || role === 'searchbox' || role === 'listbox';
}

/**
 * Maps a key to a command. `onControl` is true when focus is on a button or link, where Enter keeps
 * its ordinary meaning (press that button) instead of accepting the suggestion.
 */
export function commandForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, onControl: boolean): TriageCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', by: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', by: -1 };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Enter':
      return onControl ? null : { type: 'accept' };
    case '1':
    case '2':
    case '3':
      return { type: 'alternative', n: Number(event.key) as 1 | 2 | 3 };
    case 'r':
    case 'R':
      return { type: 'correct' };
    case 'Escape':
      return { type: 'cancel' };
    default:
      return null;
  }
}
