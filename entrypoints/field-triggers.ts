import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installTriggers } from '../lib/page-triggers/triggers';
import { relayGlobal } from '../lib/page-triggers/relay-global';

/**
 * Always on, in every frame (declared in wxt.config.ts): tiny, no framework, idle until the user
 * asks. An unlisted script rather than a WXT content script, because WXT's content-script context
 * pulls in the browser polyfill, which alone is over the 5 KB gzipped budget.
 */
export default defineUnlistedScript(() => {
  // Also injected on demand (site access "On click"), when Chrome may run the declared copy too.
  const relay = relayGlobal();
  if (relay.triggersInstalled) return;
  relay.triggersInstalled = true;
  installTriggers();
});
