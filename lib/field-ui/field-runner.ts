import { REFUSAL_WORDS } from '../page-triggers/in-page-words';
import { sendRuntimeMessage } from '../messaging/runtime-messages';
import { startOptimization } from '../messaging/optimize-client';
import { adapt, adapterFor } from '../field-adapters/adapter-for-kind';
import type { FieldTarget } from '../field-adapters/field-adapter';
import { OverlayView } from './overlay-view';
import { extensionApi } from '../page-triggers/extension-api';
import { FieldSession } from './field-session';
import type { UserAction, Vote } from '../insights/history-entry';
import type { FieldRunner, PendingRequest } from '../page-triggers/relay-global';

/** Copies with the async Clipboard API, or the legacy command where the page forbids it. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const scratch = document.createElement('textarea');
    scratch.value = text;
    scratch.style.cssText = 'position:fixed;opacity:0;pointer-events:none';
    document.documentElement.append(scratch);
    scratch.select();
    const ok = document.execCommand('copy');
    scratch.remove();
    return ok;
  }
}

function openSettings(): void {
  void sendRuntimeMessage((m) => extensionApi().runtime.sendMessage(m), { type: 'open-options' });
}

interface Entry {
  session: FieldSession | null;
  overlay: OverlayView;
  /** Pending "final" once focus has been away from the field and its panel for a while. */
  finalTimer?: ReturnType<typeof setTimeout>;
}

/**
 * How long focus stays away from the field (and its panel) before what the user did with the
 * result counts as final: long enough for a glance elsewhere, short enough to be recorded before
 * the tab is left for good (page hide also finalizes).
 */
export const FINAL_AFTER_FOCUS_LEFT_MS = 5000;

function report(id: string, action: UserAction, final: boolean): void {
  void sendRuntimeMessage((m) => extensionApi().runtime.sendMessage(m), {
    type: 'history-action',
    id,
    action,
    final,
  });
}

function vote(id: string, stage: 'draft' | 'refinement', value: Vote | null): void {
  void sendRuntimeMessage((m) => extensionApi().runtime.sendMessage(m), {
    type: 'history-feedback',
    id,
    stage,
    vote: value,
  });
}

/** Sessions by field element; the page's own elements are never tagged or modified for this. */
export function createFieldRunner(): FieldRunner {
  const entries = new Map<Element | null, Entry>();

  const entryFor = (element: Element): Entry | undefined => {
    for (const [key, entry] of entries) {
      if (key && (key === element || key.contains(element))) return entry;
    }
    return undefined;
  };

  const close = (key: Element | null) => {
    const entry = entries.get(key);
    if (!entry) return;
    clearTimeout(entry.finalTimer);
    entry.session?.close();
    entry.overlay.destroy();
    entries.delete(key);
  };

  const overlayFor = (
    key: Element | null,
    anchor: Element | null,
    getSession: () => FieldSession | null,
  ) => {
    const existing = entries.get(key);
    if (existing) existing.overlay.destroy();
    const overlay = new OverlayView({
      cancel: () => getSession()?.cancel(),
      restore: () => void getSession()?.restore(),
      restoreEarlier: () => {
        const session = getSession();
        if (session?.earlierOriginal != null) void session.restore(session.earlierOriginal);
      },
      retry: () => getSession()?.retry(),
      apply: () => void getSession()?.apply(),
      dismiss: () => getSession()?.dismiss(),
      copy: (text) => void copyText(text),
      changeMode: (mode) => getSession()?.changeMode(mode),
      vote: (stage, vote) => getSession()?.vote(stage, vote),
      openSettings,
      close: () => close(key),
    });
    overlay.show((anchor as HTMLElement | null) ?? document.body);
    return overlay;
  };

  // Focus left a field (and its panel): its result's fate is final after a while, unless focus
  // comes back first. Only trusted focus changes count: a page cannot finalize it early.
  // Switching tabs counts too (measured in headed Chromium 156 with a real Ctrl+T: a trusted focusout on the
  // field, then focusin on the way back; Playwright's focus emulation hides both).
  const inside = (key: Element | null, entry: Entry, node: EventTarget | null) =>
    node instanceof Node && ((key !== null && key.contains(node)) || node === entry.overlay.host);
  const finalLater = (entry: Entry, wasRunning = false) => {
    entry.finalTimer = setTimeout(() => {
      entry.finalTimer = undefined;
      if (!entry.session) return;
      // Still running (the user left while the refinement was on its way), or it just ended:
      // wait again, so the user has the whole while to come back to what landed, and the entry
      // does not stay "not final" until the page is left.
      if (entry.session.running) finalLater(entry, true);
      else if (wasRunning) finalLater(entry);
      else entry.session.finalize();
    }, FINAL_AFTER_FOCUS_LEFT_MS);
  };
  document.addEventListener(
    'focusout',
    (event) => {
      if (!event.isTrusted) return;
      for (const [key, entry] of entries) {
        if (!entry.session || entry.finalTimer !== undefined) continue;
        if (!inside(key, entry, event.target) || inside(key, entry, event.relatedTarget)) continue;
        finalLater(entry);
      }
    },
    true,
  );
  document.addEventListener(
    'focusin',
    (event) => {
      if (!event.isTrusted) return;
      for (const [key, entry] of entries) {
        if (!inside(key, entry, event.target)) continue;
        clearTimeout(entry.finalTimer);
        entry.finalTimer = undefined;
      }
    },
    true,
  );
  // Leaving the page (navigation, closing the tab) makes every result here final.
  window.addEventListener('pagehide', () => {
    for (const entry of entries.values()) entry.session?.finalize();
  });

  return {
    retrigger(element) {
      const session = entries.get(element)?.session;
      if (!session) return false;
      // Never from a half-written draft: its text is not the user's.
      if (session.running) session.notifyBusy();
      // Still showing our own result, untouched: optimize the user's original again.
      else if (session.holdsOwnOutput()) session.retry();
      else return false;
      return true;
    },

    begin(pending: PendingRequest) {
      const key = pending.target?.element ?? null;
      const previous = entries.get(key)?.session ?? null;
      if (key && previous?.running) {
        // Started before the field UI knew of the running one (a race at first load).
        pending.handle.cancel();
        previous.notifyBusy();
        return;
      }
      // The user edited the earlier result and optimized again: that original stays restorable.
      const earlier =
        previous && previous.originalText !== pending.request.prompt
          ? (previous.earlierOriginal ?? previous.originalText)
          : null;
      // The earlier request on this field is final now: the user moved on to another.
      previous?.finalize();
      clearTimeout(entries.get(key)?.finalTimer);
      let session: FieldSession | null = null;
      const overlay = overlayFor(key, pending.target?.element ?? pending.anchor, () => session);
      session = new FieldSession(
        pending.target && adapt(pending.target),
        pending.region && { region: pending.region, fieldText: pending.fieldText },
        pending.request,
        {
          start: (request, onEvent) =>
            startOptimization(
              request,
              onEvent,
              (info) => extensionApi().runtime.connect(info),
              pending.source,
            ),
          copy: copyText,
          render: (state) => overlay.render(state),
          isOwnPanel: (element) => element === overlay.host,
          report,
          vote,
        },
        earlier,
      );
      entries.set(key, { session, overlay });
      session.adopt(pending.handle, pending.drain);
    },

    refuse(reason, anchor) {
      const overlay = overlayFor(null, anchor, () => null);
      entries.set(null, { session: null, overlay });
      overlay.render({
        message: REFUSAL_WORDS[reason],
        tone: 'error',
        busy: false,
        preview: null,
        offer: null,
        settingsLink: false,
        canCancel: false,
        canRestore: false,
        canRestoreEarlier: false,
        canRetry: false,
        copyText: null,
        originalCopy: null,
        mode: 'general',
        checklist: null,
      });
    },

    cancelFor(element) {
      const entry = entryFor(element);
      if (!entry?.session?.running) return false;
      entry.session.cancel();
      return true;
    },

    focusPanelFor(element) {
      return entryFor(element)?.overlay.focusDecision() ?? false;
    },

    async insertText(target: FieldTarget, text: string) {
      // The field's selection when it has one, else all of it: the same rule as a trigger.
      const adapter = adapterFor(target);
      const result = await adapter.replace(adapter.initialRegion(), text);
      if (!result.ok) await copyText(text);
      return result.ok;
    },
  };
}
