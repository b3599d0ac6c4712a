import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createFieldRunner } from '../lib/in-page/field-runner';
import { relayGlobal } from '../lib/in-page/relay-global';

/** Injected by the background into one frame on first use: the overlay and the editor adapters. */
export default defineUnlistedScript(() => {
  relayGlobal().runner ??= createFieldRunner();
});
