import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** A fresh module each time: it keeps the default mode while the worker lives. */
async function triggers() {
  vi.resetModules();
  return import('../../lib/background/in-page-triggers');
}

function sent() {
  return vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(undefined);
}

describe('in-page triggers from the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it("sends the command to the tab with the user's default mode (in-page scripts read no storage)", async () => {
    await fakeBrowser.storage.sync.set({ defaultMode: 'video' });
    const send = sent();
    const { onCommand } = await triggers();
    await onCommand('optimize-prompt', { id: 7 } as never);
    expect(send).toHaveBeenCalledWith(
      7,
      { type: 'trigger', source: 'command', mode: 'video' },
      undefined,
    );
  });

  it('picks up a changed default mode at the next trigger', async () => {
    await fakeBrowser.storage.sync.set({ defaultMode: 'video' });
    const send = sent();
    const { onCommand } = await triggers();
    await onCommand('optimize-prompt', { id: 7 } as never);
    await fakeBrowser.storage.sync.set({ defaultMode: 'research' });
    await onCommand('optimize-prompt', { id: 7 } as never);
    expect(send.mock.calls.map((call) => (call[1] as { mode: string }).mode)).toEqual([
      'video',
      'research',
    ]);
  });

  it("falls back to 'general' for a stored value that is not a mode", async () => {
    await fakeBrowser.storage.sync.set({ defaultMode: 'poetry' });
    const send = sent();
    const { onCommand } = await triggers();
    await onCommand('optimize-prompt', { id: 3 } as never);
    expect(send.mock.calls[0]?.[1]).toMatchObject({ mode: 'general' });
  });

  it('sends the context menu click to its frame, with the selection and the mode', async () => {
    await fakeBrowser.storage.sync.set({ defaultMode: 'image' });
    const send = sent();
    const { onContextMenuClick } = await triggers();
    await onContextMenuClick(
      { menuItemId: 'optimize-prompt', frameId: 4, selectionText: 'a red fox' } as never,
      { id: 9 } as never,
    );
    expect(send).toHaveBeenCalledWith(
      9,
      { type: 'trigger', source: 'context-menu', mode: 'image', selectionText: 'a red fox' },
      { frameId: 4 },
    );
  });

  it('ignores other commands and tabs without an id', async () => {
    const send = sent();
    const { onCommand } = await triggers();
    await onCommand('something-else', { id: 1 } as never);
    await onCommand('optimize-prompt', undefined);
    expect(send).not.toHaveBeenCalled();
  });
});
