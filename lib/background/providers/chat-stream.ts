import Groq from 'groq-sdk';
import OpenAI from 'openai';
import type { TokenUsage } from '../../messaging/protocol';
import { sdkFor, type ProviderPresetId } from '../../settings/provider-presets';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface EndpointConfig {
  preset: ProviderPresetId;
  apiKey: string;
  baseUrl: string;
  model: string;
}

export interface ChatStreamRequest {
  endpoint: EndpointConfig;
  messages: ChatMessage[];
  maxTokens: number;
  /** Members the preset adds to the request body (extraBodyFor in provider-presets.ts). */
  extraBody?: Record<string, unknown>;
  signal: AbortSignal;
  onDelta: (delta: string) => void;
}

export interface ChatStreamResult {
  text: string;
  usage: TokenUsage | null;
}

interface ChunkLike {
  choices?: { delta?: { content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  x_groq?: { usage?: { prompt_tokens?: number; completion_tokens?: number } | null } | null;
}

/**
 * Options every SDK client here gets. `dangerouslyAllowBrowser`: the SDKs refuse to run where
 * `window` exists, to keep a developer's key out of a web page. This code runs only in the
 * extension's background (eslint keeps it out of the in-page bundles): Chrome's service worker
 * has no `window`, Firefox's background page does, yet neither is a web page, no page script can
 * reach it, and the key is the user's own, read from the background's store for this request.
 */
function clientOptions(apiKey: string, baseURL: string) {
  // A local server needs no key, but both SDKs refuse to start without one: it gets a word that
  // is no one's key (Ollama, LM Studio and llama.cpp ignore it).
  return { apiKey: apiKey || 'no-key', baseURL, maxRetries: 0, dangerouslyAllowBrowser: true };
}

function toUsage(raw: ChunkLike['usage']): TokenUsage | null {
  if (!raw || typeof raw.prompt_tokens !== 'number') return null;
  return { promptTokens: raw.prompt_tokens, completionTokens: raw.completion_tokens ?? 0 };
}

/**
 * Opens a streamed chat completion with the official client for the endpoint. Retries are
 * turned off in the SDKs: the stage's resilience policy decides (one retry, breaker, timeout).
 */
async function openStream(req: ChatStreamRequest): Promise<AsyncIterable<ChunkLike>> {
  const { sdk, baseURL } = sdkFor(req.endpoint.preset, req.endpoint.baseUrl);
  const common = { ...clientOptions(req.endpoint.apiKey, baseURL), timeout: 600_000 };
  const body = {
    ...req.extraBody,
    model: req.endpoint.model,
    messages: req.messages,
    max_tokens: req.maxTokens,
    // Low enough to keep the prompt's facts, high enough not to read as a template.
    temperature: 0.4,
    stream: true as const,
  };
  if (sdk === 'groq') {
    const client = new Groq(common);
    return client.chat.completions.create(body, { signal: req.signal });
  }
  const client = new OpenAI(common);
  return client.chat.completions.create(
    { ...body, stream_options: { include_usage: true } },
    { signal: req.signal },
  );
}

export async function streamChat(req: ChatStreamRequest): Promise<ChatStreamResult> {
  const stream = await openStream(req);
  let text = '';
  let usage: TokenUsage | null = null;
  for await (const chunk of stream) {
    const delta = chunk.choices?.[0]?.delta?.content;
    if (delta) {
      text += delta;
      req.onDelta(delta);
    }
    usage = toUsage(chunk.usage) ?? toUsage(chunk.x_groq?.usage) ?? usage;
  }
  // The SDKs end an aborted stream quietly; a partial text must never pass for a result.
  req.signal.throwIfAborted();
  return { text, usage };
}

/** The endpoint's `/models` ids, for the settings' model list: costs no tokens. */
export async function listModels(endpoint: EndpointConfig, signal: AbortSignal): Promise<string[]> {
  const { sdk, baseURL } = sdkFor(endpoint.preset, endpoint.baseUrl);
  const common = clientOptions(endpoint.apiKey, baseURL);
  const client = sdk === 'groq' ? new Groq(common) : new OpenAI(common);
  const page = await client.models.list({ signal });
  return page.data.map((m) => m.id);
}
