import type { FieldTarget } from '../field-adapters/field-adapter';
import { deepActiveElement, isTextEntry } from '../field-adapters/field-kind';
import { readCode } from '../field-adapters/code-editor';
import { initialRegion } from '../field-adapters/initial-region';
import { readRich } from '../field-adapters/rich-region';
import { startOptimization } from '../messaging/optimize-client';
import { sendRuntimeMessage } from '../messaging/runtime-messages';
import type {
  ContentMessage,
  OptimizeRequest,
  RequestSource,
  ServerEvent,
} from '../messaging/protocol';
import { isMode, type Mode } from '../prompts/modes';
import { extensionApi } from './extension-api';
import { findField } from './find-field';
import type { RefusalReason } from './in-page-words';
import { relayGlobal, type FieldRunner, type PendingRequest } from './relay-global';

/** Same limit as the pipeline's: refused here so no request is sent at all. */
const MAX_PROMPT_CHARS = 20_000;

let runnerLoading: Promise<FieldRunner | null> | null = null;

/** The overlay and editor adapters, injected into this frame by the background on first use. */
function loadRunner(): Promise<FieldRunner | null> {
  const ready = relayGlobal().runner;
  if (ready) return Promise.resolve(ready);
  runnerLoading ??= sendRuntimeMessage((m) => extensionApi().runtime.sendMessage(m), {
    type: 'load-field-ui',
  })
    .then(() => relayGlobal().runner ?? null)
    .finally(() => {
      runnerLoading = null;
    });
  return runnerLoading;
}

function fieldHint(el: HTMLElement): string | undefined {
  const hint =
    el.getAttribute('aria-label') ??
    el.getAttribute('placeholder') ??
    el.getAttribute('data-placeholder');
  return hint?.slice(0, 120) || undefined;
}

function refuse(reason: RefusalReason, anchor: Element | null): void {
  void loadRunner().then((runner) => runner?.refuse(reason, anchor));
}

/** The field's whole text the way its adapter reads it: "untouched since" starts from here. */
function fieldText(target: FieldTarget): string {
  if (target.kind === 'rich') return readRich(target.element);
  if (target.kind === 'code') return readCode(target.element);
  return target.element.value;
}

/** Starts the request at once, so the provider's first-token wait overlaps loading the UI. */
async function optimize(
  target: FieldTarget | null,
  text: string,
  anchor: Element | null,
  mode: Mode,
  source: RequestSource,
): Promise<void> {
  if (target && relayGlobal().runner?.retrigger(target.element)) return;
  // A code editor draws a keystroke on the next animation frame, and its text is read from what
  // it draws: read at once, the last key typed before the shortcut was missing (a browser test in
  // Monaco saw the drawn text change under the request, and the draft held back as an edit).
  // At most 50 ms: a hidden tab draws no frames.
  if (target?.kind === 'code') {
    await new Promise((drawn) => {
      requestAnimationFrame(drawn);
      setTimeout(drawn, 50);
    });
  }
  const region = target ? initialRegion(target) : null;
  if (target && !region) return refuse('code-in-part', anchor);
  const prompt = region ? region.text : text;
  if (!prompt.trim()) return refuse('empty', anchor);
  if (prompt.length > MAX_PROMPT_CHARS) return refuse('too-long', anchor);
  const request: OptimizeRequest = {
    prompt,
    mode,
    context: {
      pageTitle: document.title.slice(0, 200),
      pageUrl: location.origin + location.pathname,
      ...(target && fieldHint(target.element) ? { fieldHint: fieldHint(target.element) } : {}),
    },
  };
  const buffered: ServerEvent[] = [];
  let sink: ((event: ServerEvent) => void) | null = null;
  const handle = startOptimization(
    request,
    (event) => (sink ? sink(event) : buffered.push(event)),
    (info) => extensionApi().runtime.connect(info),
    source,
  );
  const pending: PendingRequest = {
    target,
    region,
    fieldText: target ? fieldText(target) : null,
    request,
    source,
    handle,
    anchor,
    drain(next) {
      sink = next;
      for (const event of buffered.splice(0)) next(event);
    },
  };
  const runner = await loadRunner();
  if (runner) runner.begin(pending);
  else handle.cancel();
}

function trigger(mode: Mode, source: RequestSource, selectionText?: string): void {
  const lookup = findField();
  if (lookup.ok) {
    void optimize(lookup.target, '', lookup.target.element, mode, source);
    return;
  }
  // Selected text outside any field: optimize it and show the result to copy. The context menu
  // brings the browser's copy of the selection, which Firefox cuts at 16,384 characters (measured
  // in ESR 153: a 21,473-character selection arrived as its first 16,384, and was sent cut
  // mid-word instead of refused as too long). When this frame's own selection is that copy and
  // more than whitespace after it, it is what the user selected.
  const own = document.getSelection()?.toString() ?? '';
  const cut =
    selectionText &&
    own.startsWith(selectionText) &&
    own.trim().length > selectionText.trim().length;
  const selection = cut || !selectionText ? own : selectionText;
  if (lookup.refusal === 'not-editable' && selection.trim()) {
    const anchor = document.getSelection()?.anchorNode?.parentElement ?? null;
    void optimize(null, selection, anchor, mode, source);
    return;
  }
  refuse(lookup.refusal, lookup.element);
}

const lastWarm = { modifiers: -Infinity, focus: -Infinity };
/**
 * The user pressed a key or the pointer in this document. Not navigator.userActivation: Chromium
 * counts a page opened from the address bar as activated (measured), so an autofocused chat box
 * would have woken the worker at load.
 */
let userActed = false;

/**
 * Asks the background to open the providers' connections (it decides whether and where, and sends
 * no prompt). At most once a minute from a frame for each reason, and only after the user's own
 * input in this document: a page's focus() at load (an autofocused chat box) never wakes the
 * worker.
 */
function warmConnection(reason: 'modifiers' | 'focus'): void {
  const now = Date.now();
  // Per reason: a focus the background declined (a site never used) must not hold back Alt+Shift.
  if (now - lastWarm[reason] < 60_000) return;
  lastWarm[reason] = now;
  void sendRuntimeMessage((m) => extensionApi().runtime.sendMessage(m), {
    type: 'warm-connection',
    reason,
  });
}

/**
 * Esc (cancel) and Tab (to the panel's pending decision) in a field with a session. The shortcut
 * itself is not listened for here: it reaches us only as the browser command, which a page
 * cannot fire. Page-dispatched keys are untrusted and ignored, so a page cannot cancel either.
 */
function onKeyDown(event: KeyboardEvent): void {
  if (!event.isTrusted) return;
  userActed = true;
  // Alt+Shift held: the shortcut's modifiers (its letter goes to the browser, never here).
  if (event.altKey && event.shiftKey && (event.key === 'Alt' || event.key === 'Shift')) {
    warmConnection('modifiers');
  }
  const runner = relayGlobal().runner;
  if (!runner) return;
  const plainTab =
    event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
  if (event.key !== 'Escape' && !plainTab) return;
  const active = deepActiveElement();
  const handled =
    active && (event.key === 'Escape' ? runner.cancelFor(active) : runner.focusPanelFor(active));
  if (handled) {
    event.preventDefault();
    event.stopPropagation();
  }
}

/** Only the user's own focus, in the frame they are in, decides where "Insert into page" goes. */
function onFocusIn(event: FocusEvent): void {
  if (!event.isTrusted || !document.hasFocus()) return;
  const path = event.composedPath();
  const el = path[0];
  if (el instanceof HTMLElement && isTextEntry(el)) {
    relayGlobal().lastFocused = { element: el, at: Date.now() };
    if (userActed) warmConnection('focus');
  }
}

/**
 * The always-on part: an Esc/Tab listener, a focus note, and a message listener. Nothing else runs
 * until a trigger. It reads nothing from chrome.storage: what a run needs comes in the message.
 */
export function installTriggers(): void {
  const api = extensionApi();
  document.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('focusin', onFocusIn, true);
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (event.isTrusted) userActed = true;
    },
    { capture: true, passive: true },
  );
  const onMessage = (
    message: unknown,
    _sender: unknown,
    sendResponse: (answer: unknown) => void,
  ) => {
    const msg = message as ContentMessage;
    if (msg?.type === 'trigger') {
      // Every frame answers, so the background knows the trigger script is here (it injects
      // it when no frame answers: site access "On click").
      sendResponse(true);
      // A command reaches every frame; only the one the user is typing in acts.
      if (msg.source === 'command' && !document.hasFocus()) return undefined;
      trigger(
        isMode(msg.mode) ? msg.mode : 'general',
        msg.source === 'context-menu' ? 'context-menu' : 'shortcut',
        msg.selectionText,
      );
    }
    if (msg?.type === 'insert-text') {
      // sendResponse + `true`: the answer comes later, in every browser's own API.
      void insertIntoLastField(msg.text).then(sendResponse, () => sendResponse(false));
      return true;
    }
    return undefined;
  };
  // The polyfill's types only know "always true" callbacks; Chrome and Firefox accept undefined.
  api.runtime.onMessage.addListener(
    onMessage as Parameters<typeof api.runtime.onMessage.addListener>[0],
  );
}

/** The popup's "Insert into page": into the field this frame last had focus in, if still there. */
async function insertIntoLastField(text: string): Promise<boolean> {
  const last = relayGlobal().lastFocused?.element;
  if (!last?.isConnected) return false;
  last.focus();
  const lookup = findField();
  if (!lookup.ok) return false;
  const runner = await loadRunner();
  return runner ? runner.insertText(lookup.target, text) : false;
}
