import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createFieldRunner } from '../lib/field-ui/field-runner';
import { relayGlobal } from '../lib/page-triggers/relay-global';

/** Injected by the background into one frame on first use: the overlay and the editor adapters. */
export default defineUnlistedScript(() => {
  relayGlobal().runner ??= createFieldRunner();
});
