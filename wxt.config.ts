import { defineConfig } from 'wxt';
import {
  MANIFEST_HOST_PATTERNS,
  OPTIMIZE_COMMAND,
  OPTIMIZE_SHORTCUT,
} from './lib/manifest-constants';

/**
 * Firefox: a fixed add-on ID (with a temporary random one `storage.sync` throws, so no setting can
 * be read), and the data the add-on sends out, as addons.mozilla.org asks it to be declared: the
 * prompt is text from the websites the user types in (`websiteContent`), and by default the
 * page's title and address go with it (`browsingActivity`), both only to the providers the user
 * configured. "None" would be false.
 */
const FIREFOX_SETTINGS = {
  gecko: {
    id: 'prompt-relay@prompt-relay.dev',
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['websiteContent', 'browsingActivity'] },
  },
  // Firefox for Android reads data_collection_permissions from 142 on.
  gecko_android: { strict_min_version: '142.0' },
};

export default defineConfig({
  // Explicit imports: a reader sees where every name comes from.
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Prompt Relay',
    description:
      'Optimizes the prompt you are typing, in place: a fast draft at once, a refined prompt seconds later.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'clipboardWrite'],
    host_permissions: [...MANIFEST_HOST_PATTERNS],
    // Team mode: the keys an organization's policy may set (public/managed-schema.json; Chrome
    // publishes in storage.managed only values that fit it; Firefox reads policies.json).
    storage: { managed_schema: 'managed-schema.json' },
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
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX_SETTINGS } : {}),
  }),
  // The sources zip addons.mozilla.org asks for: the code that builds the add-on, without local
  // build and test output.
  zip: {
    excludeSources: [
      'tests/fixtures/pages/dist/**',
      'test-results/**',
      'demo-output/**',
      'playwright-report/**',
    ],
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
