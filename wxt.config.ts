import { defineConfig } from 'wxt';

// Loopback origins let local OpenAI-compatible servers (Ollama, LM Studio) and
// the test mock answer without a CORS preflight the SDKs cannot pass.
const LOOPBACK_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  // Explicit imports: a reader sees where every name comes from.
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Prompt Relay',
    description:
      'Optimizes the prompt you are typing, in place: a fast draft at once, a refined prompt seconds later.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'clipboardWrite'],
    host_permissions: ['https://api.groq.com/*', 'https://api.openai.com/*', ...LOOPBACK_HOSTS],
    // No optional_host_permissions: the always-on <all_urls> content script already grants every
    // host, so an optional prompt would protect nothing. When the user withholds site access
    // ("On click"), Save asks for the providers' origins (see request-host-access.ts).
    commands: {
      'optimize-prompt': {
        // Alt is Option on macOS; rebindable at chrome://extensions/shortcuts.
        suggested_key: { default: 'Alt+Shift+O', mac: 'Alt+Shift+O' },
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
