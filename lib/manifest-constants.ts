/**
 * Values the manifest (wxt.config.ts) and runtime code both need, kept once. Node loads the config
 * at build time, so this module imports nothing: no browser-only code may reach it.
 */

/**
 * Origins granted up front (`host_permissions`). Loopback ones let local OpenAI-compatible servers
 * (Ollama, LM Studio) and the test mock answer without a CORS preflight the SDKs cannot pass.
 */
export const MANIFEST_HOST_PATTERNS = [
  'https://api.groq.com/*',
  'https://api.openai.com/*',
  'http://localhost/*',
  'http://127.0.0.1/*',
] as const;

/** The keyboard shortcut's command name (`commands` in the manifest). */
export const OPTIMIZE_COMMAND = 'optimize-prompt';

/** The shortcut's suggested binding; Alt is Option on macOS. */
export const OPTIMIZE_SHORTCUT = 'Alt+Shift+O';
