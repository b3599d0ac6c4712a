import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendRuntimeMessage } from '../../lib/messaging/runtime-messages';

/** Puts the result into the field the user last focused in the active tab. */
export function InsertIntoPageButton({
  text,
  onInserted,
}: {
  text: string;
  onInserted?: () => void;
}) {
  const [note, setNote] = useState<string | null>(null);
  const insert = async () => {
    const result = await sendRuntimeMessage((m) => browser.runtime.sendMessage(m), {
      type: 'insert-into-page',
      text,
    });
    if (result?.ok) onInserted?.();
    setNote(
      result?.ok
        ? 'Inserted'
        : 'No text field to insert into: click into a field on the page first, then reopen Prompt Relay.',
    );
  };
  return (
    <>
      <button type="button" onClick={() => void insert()} disabled={!text}>
        Insert into page
      </button>
      {note && (
        <span role="status" className="hint">
          {note}
        </span>
      )}
    </>
  );
}
