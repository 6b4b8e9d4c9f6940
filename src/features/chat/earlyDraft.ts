/**
 * What was typed into the first screen's message box (src/app/FirstScreen.tsx), handed to the box
 * that replaces it: the next first screen while the app still loads, then the composer. A box
 * hands it over as it unmounts and the next takes it as it mounts, in the same commit (React runs
 * the removed component's layout cleanups before the new one's layout effects), so nothing typed
 * is lost and the caret stays where it was.
 */
export interface EarlyDraft {
  text: string;
  focused: boolean;
  selectionStart: number;
  selectionEnd: number;
  /** Enter was pressed before the app could send: the composer sends it once it can. */
  send: boolean;
}

let handedOver: EarlyDraft | null = null;

export function handOverDraft(box: HTMLTextAreaElement, send: boolean): void {
  handedOver = {
    text: box.value,
    focused: document.activeElement === box,
    selectionStart: box.selectionStart,
    selectionEnd: box.selectionEnd,
    send,
  };
}

/** Takes the draft (once): puts its text, focus and caret back into `box`. */
export function takeDraft(box: HTMLTextAreaElement): EarlyDraft | null {
  const draft = handedOver;
  handedOver = null;
  if (!draft) return null;
  box.value = draft.text;
  if (draft.focused) {
    box.focus();
    box.setSelectionRange(draft.selectionStart, draft.selectionEnd);
  }
  return draft;
}
