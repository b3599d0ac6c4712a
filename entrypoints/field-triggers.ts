import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installTriggers } from '../lib/in-page/triggers';

/**
 * Always on, in every frame (declared in wxt.config.ts): tiny, no framework, idle until the user
 * asks. An unlisted script rather than a WXT content script, because WXT's content-script context
 * pulls in the browser polyfill, which alone is over the 5 KB gzipped budget.
 */
export default defineUnlistedScript(() => {
  installTriggers();
});
