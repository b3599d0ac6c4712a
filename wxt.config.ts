import { defineConfig } from 'wxt';
import {
  MANIFEST_HOST_PATTERNS,
  OPTIMIZE_COMMAND,
  OPTIMIZE_SHORTCUT,
} from './lib/manifest-constants';

export default defineConfig({
  // Explicit imports: a reader sees where every name comes from.
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Prompt Relay',
    description:
      'Optimizes the prompt you are typing, in place: a fast draft at once, a refined prompt seconds later.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'clipboardWrite'],
    host_permissions: [...MANIFEST_HOST_PATTERNS],
    // No optional_host_permissions: the always-on <all_urls> content script already grants every
    // host, so an optional prompt would protect nothing. When the user withholds site access
    // ("On click"), Save asks for the providers' origins (see request-host-access.ts).
    commands: {
      [OPTIMIZE_COMMAND]: {
        // Rebindable at chrome://extensions/shortcuts.
        suggested_key: { default: OPTIMIZE_SHORTCUT, mac: OPTIMIZE_SHORTCUT },
        description: 'Optimize the prompt in the focused field',
      },
    },
  },
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      // The always-on trigger script is an unlisted script (see entrypoints/field-triggers.ts).
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        {
          matches: ['<all_urls>'],
          js: ['field-triggers.js'],
          all_frames: true,
          match_about_blank: true,
          match_origin_as_fallback: true,
          run_at: 'document_idle',
        },
      ];
    },
  },
});
