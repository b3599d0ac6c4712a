// Team mode with a REAL managed policy: Chromium on Linux reads /etc/chromium/policies/managed/*.json
// at start and publishes `3rdparty.extensions.<id>` in that extension's storage.managed. Every
// other spec loads .output/chrome-mv3, so this one loads a copy at another path (an unpacked
// extension's ID derives from its path) and its policy names only that copy's ID: a policy file
// left behind, or one present while other specs run, cannot reach them. The file is removed after
// the tests, also when they fail.
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type Worker } from '@playwright/test';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { startStaticServer, type StaticServer } from '../fixtures/pages/static-server';
import { TEST_DRAFT_KEY, TEST_REFINEMENT_KEY } from './support/configure-providers';
import { openOptions, openPopup } from './support/extension-pages';
import {
  DEFAULT_EXTENSION_DIR,
  launchExtension,
  type LaunchedExtension,
} from './support/launch-extension';
import { getStorage, setStorage } from './support/storage';
import { inIsolatedWorld } from './support/isolated-world';
import { setSiteAccess } from './support/site-access';

test.describe.configure({ mode: 'serial' });

const POLICY_DIR = '/etc/chromium/policies/managed';
const DRAFT_MODEL = 'team-draft-model';
const REFINEMENT_MODEL = 'team-refinement-model';
const NEXT_DRAFT_MODEL = 'team-draft-model-2';
const KEY_HINT = 'Get your personal key at https://keys.example.test (IT help desk).';
const DRAFT = 'Draft written through the team gateway.';
const REFINED = 'Refined prompt written through the team gateway.';

/**
 * Chromium's ID for an unpacked extension: SHA-256 of its absolute path, the first 32 hex digits
 * written with the letters a–p for 0–f (crx_file::id_util::GenerateIdForPath).
 */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

function policyWritable(): string | null {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return null;
  } catch (error) {
    return `cannot write ${POLICY_DIR} (${String(error)}): run as root to test a real policy`;
  }
}

let copyRoot: string;
let extensionDir: string;
let extensionId: string;
let policyFile: string;
let gateway: MockProvider;
let refinementGateway: MockProvider;
let elsewhere: MockProvider;
let pages: StaticServer;
let launched: LaunchedExtension | undefined;

function removePolicy(): void {
  if (policyFile) rmSync(policyFile, { force: true });
}

test.beforeAll(async () => {
  // It launches a browser of its own, as the shared fixture does (which allows 60 s for that).
  test.setTimeout(90_000);
  const why = policyWritable();
  test.skip(why !== null, why ?? '');
  gateway = await startMockProvider({ scenario: { reply: DRAFT, firstTokenMs: 20 } });
  refinementGateway = await startMockProvider({ scenario: { reply: REFINED, firstTokenMs: 200 } });
  elsewhere = await startMockProvider({ scenario: { reply: 'must never be asked' } });
  pages = await startStaticServer();

  copyRoot = mkdtempSync(join(tmpdir(), 'prompt-relay-team-'));
  extensionDir = join(copyRoot, 'chrome-mv3');
  cpSync(DEFAULT_EXTENSION_DIR, extensionDir, { recursive: true });
  extensionId = unpackedExtensionId(extensionDir);
  policyFile = join(POLICY_DIR, `prompt-relay-test-${extensionId}.json`);
  // Removed however the run ends (a crash skips afterAll).
  process.once('exit', removePolicy);
  writePolicy(DRAFT_MODEL);
  // The policy must exist before Chromium starts: it is read at start.
  launched = await launchExtension({ extensionDir });
});

function writePolicy(draftModel: string): void {
  writeFileSync(
    policyFile,
    JSON.stringify({
      '3rdparty': {
        extensions: {
          [extensionId]: {
            draftBaseUrl: `${gateway.url}/v1`,
            draftModel,
            refinementBaseUrl: `${refinementGateway.url}/v1`,
            refinementModel: REFINEMENT_MODEL,
            allowedEndpoints: [gateway.url, refinementGateway.url],
            lockedSettings: ['draft', 'refinement'],
            gatewayKeyHint: KEY_HINT,
            historyKeepDays: 14,
            // Out of range on purpose: ignored with a notice, the rest still applies. (A value of
            // the wrong type never arrives: Chromium drops what does not fit managed-schema.json.)
            draftTimeoutMs: 5,
          },
        },
      },
    }),
  );
}

test.afterAll(async () => {
  try {
    await launched?.close();
  } finally {
    removePolicy();
    if (copyRoot) rmSync(copyRoot, { recursive: true, force: true });
    await Promise.all([gateway?.close(), refinementGateway?.close(), elsewhere?.close()]);
    await pages?.close();
  }
});

async function optimizeInPopup(popup: Page, prompt: string): Promise<void> {
  await popup.getByLabel('Prompt', { exact: true }).fill(prompt);
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED, { timeout: 15_000 });
}

interface ManagedChrome {
  chrome: { storage: { managed: { get(keys: null): Promise<Record<string, unknown>> } } };
}

async function managedInWorker(worker: Worker): Promise<Record<string, unknown>> {
  return worker.evaluate(() =>
    (globalThis as unknown as ManagedChrome).chrome.storage.managed.get(null),
  );
}

test('the policy reaches the copy of the extension it names', async () => {
  expect(launched!.extensionId).toBe(extensionId);
  const managed = await managedInWorker(launched!.serviceWorker);
  expect(managed).toMatchObject({
    draftModel: DRAFT_MODEL,
    refinementModel: REFINEMENT_MODEL,
    draftTimeoutMs: 5,
  });
});

test('the options page shows both stages as set by the organization, and keys stay the user’s', async () => {
  const { context } = launched!;
  const options = await openOptions(context, extensionId);
  await expect(
    options.getByText('Set by your organization: Draft provider, base URL, model and timeout.'),
  ).toBeVisible();
  await expect(
    options.getByText(
      'Set by your organization: Refinement provider, base URL, model and timeout.',
    ),
  ).toBeVisible();
  const draftUrl = options.getByLabel('Draft base URL');
  await expect(draftUrl).toHaveValue(`${gateway.url}/v1`);
  await expect(draftUrl).toBeDisabled();
  await expect(options.getByLabel('Draft model', { exact: true })).toHaveValue(DRAFT_MODEL);
  await expect(options.getByLabel('Draft model', { exact: true })).toBeDisabled();
  await expect(options.getByLabel('Refinement base URL')).toHaveValue(
    `${refinementGateway.url}/v1`,
  );
  await expect(options.getByLabel('Refinement model', { exact: true })).toHaveValue(
    REFINEMENT_MODEL,
  );
  await expect(options.getByLabel('Refinement provider')).toBeDisabled();
  await expect(options.getByText(KEY_HINT)).toBeVisible();
  // The bad policy value is named, not silently dropped.
  await expect(
    options.getByText(
      'Your organization’s policy value draftTimeoutMs was ignored: not a whole number from 500 to 300000.',
    ),
  ).toBeVisible();

  // Each user enters their own key, saved for the gateway's origin.
  await options.getByLabel('Draft API key', { exact: true }).fill(TEST_DRAFT_KEY);
  await options.getByLabel('Refinement API key', { exact: true }).fill(TEST_REFINEMENT_KEY);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  await options.close();
  // Saving stored none of the organization's values as the user's own: this profile never had
  // its own, so none are stored (lifted, the policy leaves the defaults).
  const sync = await getStorage(launched!.serviceWorker, 'sync');
  for (const locked of ['draft.baseUrl', 'draft.model', 'refinement.baseUrl', 'refinement.model']) {
    expect(sync[locked], locked).toBeUndefined();
  }

  // The History's retention is the organization's too.
  const history = await context.newPage();
  await history.goto(`chrome-extension://${extensionId}/prompt-history.html`);
  await expect(
    history.getByText('Set by your organization: whether a history is kept, and for how long.'),
  ).toBeVisible();
  await expect(history.getByLabel('Keep entries for (days)')).toHaveValue('14');
  await expect(history.getByLabel('Keep entries for (days)')).toBeDisabled();
  await expect(history.getByLabel('Keep full page addresses')).toBeEnabled();
  await history.close();
});

test('an optimization goes to the policy’s endpoints with its models, whatever storage.sync says', async () => {
  const { context, serviceWorker } = launched!;
  gateway.reset({ reply: DRAFT, firstTokenMs: 20 });
  refinementGateway.reset({ reply: REFINED, firstTokenMs: 200 });

  const popup = await openPopup(context, extensionId);
  await optimizeInPopup(popup, 'summarize the meeting notes for the team');
  const chat = (mock: MockProvider) =>
    mock.requests.filter((request) => request.path.endsWith('/chat/completions'));
  expect(chat(gateway).map((r) => [r.path, r.body?.model, r.authorization])).toEqual([
    ['/v1/chat/completions', DRAFT_MODEL, `Bearer ${TEST_DRAFT_KEY}`],
  ]);
  expect(chat(refinementGateway).map((r) => [r.path, r.body?.model])).toEqual([
    ['/v1/chat/completions', REFINEMENT_MODEL],
  ]);

  // A local write straight into storage (another device's sync, a hand edit) points elsewhere.
  await setStorage(serviceWorker, 'sync', {
    'draft.preset': 'openai',
    'draft.baseUrl': `${elsewhere.url}/v1`,
    'draft.model': 'gpt-4o-mini',
    'refinement.baseUrl': `${elsewhere.url}/v1`,
    cacheEnabled: false,
  });
  gateway.reset({ reply: DRAFT, firstTokenMs: 20 });
  refinementGateway.reset({ reply: REFINED, firstTokenMs: 200 });
  await optimizeInPopup(popup, 'summarize the meeting notes for the whole team');
  expect(chat(elsewhere)).toEqual([]);
  expect(chat(gateway).map((r) => r.body?.model)).toEqual([DRAFT_MODEL]);
  expect(chat(refinementGateway).map((r) => r.body?.model)).toEqual([REFINEMENT_MODEL]);
  await popup.close();

  // And the options page still shows the policy's endpoint, not the local write.
  const options = await openOptions(context, extensionId);
  await expect(options.getByLabel('Draft base URL')).toHaveValue(`${gateway.url}/v1`);
  await options.close();
});

test('a changed policy applies without a restart: the open options page and the next request follow it', async () => {
  test.setTimeout(60_000);
  const { context } = launched!;
  const options = await openOptions(context, extensionId);
  await expect(options.getByLabel('Draft model', { exact: true })).toHaveValue(DRAFT_MODEL);
  writePolicy(NEXT_DRAFT_MODEL);
  // Chromium watches the policy folder and reloads a few seconds after a change.
  await expect(options.getByLabel('Draft model', { exact: true })).toHaveValue(NEXT_DRAFT_MODEL, {
    timeout: 30_000,
  });
  await expect(options.getByLabel('Draft model', { exact: true })).toBeDisabled();
  await options.close();

  gateway.reset({ reply: DRAFT, firstTokenMs: 20 });
  refinementGateway.reset({ reply: REFINED, firstTokenMs: 200 });
  const popup = await openPopup(context, extensionId);
  await optimizeInPopup(popup, 'list the open questions from the meeting');
  expect(
    gateway.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body?.model),
  ).toEqual([NEXT_DRAFT_MODEL]);
  await popup.close();
});

test('a content script cannot read the policy in Chromium (the worker closes managed storage)', async () => {
  const { context, serviceWorker } = launched!;
  const page = await context.newPage();
  const pageUrl = `${pages.url}/textarea.html`;
  await page.goto(pageUrl);
  const read = String(
    await inIsolatedWorld(serviceWorker, pageUrl, async () => {
      try {
        const api = (globalThis as unknown as ManagedChrome).chrome;
        return JSON.stringify(await api.storage.managed.get(null));
      } catch (error) {
        return `failed: ${String(error)}`;
      }
    }),
  );
  // Measured without the worker's setAccessLevel call: the isolated world read the whole policy.
  expect(read).toBe('failed: Error: Access to storage is not allowed from this context.');
  expect(read).not.toContain(DRAFT_MODEL);
  await page.close();
});

test('with site access withheld, the options page offers to allow the gateway’s address', async () => {
  const { context } = launched!;
  const settingsTab = await context.newPage();
  await setSiteAccess(settingsTab, extensionId, 'ON_CLICK');
  try {
    const options = await openOptions(context, extensionId);
    // The prompt itself cannot be answered headless; the offer is what the user sees.
    await expect(
      options.getByRole('button', { name: `Allow access to ${gateway.url}` }),
    ).toBeVisible();
    await expect(
      options.getByRole('button', { name: `Allow access to ${refinementGateway.url}` }),
    ).toBeVisible();
    await options.close();
  } finally {
    await setSiteAccess(settingsTab, extensionId, 'ON_ALL_SITES');
    await settingsTab.close();
  }
  const options = await openOptions(context, extensionId);
  await expect(options.getByLabel('Draft base URL')).toHaveValue(`${gateway.url}/v1`);
  await expect(options.getByRole('button', { name: /^Allow access to/ })).toHaveCount(0);
  await options.close();
});
