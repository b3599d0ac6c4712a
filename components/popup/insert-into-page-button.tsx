import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { InsertIntoPageResult, RuntimeRequest } from '../../lib/messaging/protocol';

/** Puts the result into the field the user last focused in the active tab. */
export function InsertIntoPageButton({ text }: { text: string }) {
  const [note, setNote] = useState<string | null>(null);
  const insert = async () => {
    const request: RuntimeRequest = { type: 'insert-into-page', text };
    const result = (await browser.runtime
      .sendMessage(request)
      .catch(() => null)) as InsertIntoPageResult | null;
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
