/**
 * Who sent a message, as far as the browser vouches for it. A content script shares the
 * extension's `sender.id`, so the id alone says nothing: an extension page is known by its URL
 * (the extension's own origin), a content script by the tab and frame the browser attaches.
 */
export type KnownSender =
  | { role: 'extension-page'; url: string }
  | {
      role: 'content-script';
      tabId: number;
      frameId: number;
      /** The page's origin ('null' for opaque ones): part of the cache key. */
      origin: string;
      /** The frame's address, as the browser reports it (kept in history only when allowed). */
      url?: string;
      incognito: boolean;
    };

export type SenderRole = KnownSender['role'];

/** The fields of `runtime.MessageSender` this reads; Chrome adds `origin`, Firefox does not. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; incognito?: boolean };
}

export interface ExtensionIdentity {
  id: string;
  /** `runtime.getURL('/')`: `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  baseUrl: string;
}

function originOf(sender: SenderLike): string {
  if (sender.origin) return sender.origin;
  try {
    return new URL(sender.url ?? '').origin;
  } catch {
    return 'null';
  }
}

export function classifySender(sender: SenderLike, self: ExtensionIdentity): KnownSender | null {
  if (sender.id !== self.id) return null;
  if (sender.url?.startsWith(self.baseUrl)) return { role: 'extension-page', url: sender.url };
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return null;
  return {
    role: 'content-script',
    tabId,
    frameId: sender.frameId ?? 0,
    origin: originOf(sender),
    ...(sender.url ? { url: sender.url } : {}),
    incognito: sender.tab?.incognito === true,
  };
}
