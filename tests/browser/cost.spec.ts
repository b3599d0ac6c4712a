// The cost beside a result. The mocks listen on 127.0.0.1, which the built-in price list never
// prices (the same model names at another address are not the public API): without a price of
// the user's own the popup says the cost is unknown; with one entered on the options page it shows
// the estimate from the tokens the mock reported.
import type { Page } from '@playwright/test';
import {
  countTokens,
  messageText,
  startMockProvider,
  type MockProvider,
} from '../fixtures/mock-provider/mock-provider';
import { configureProviders } from './support/configure-providers';
import { inPageSuite } from './support/in-page-suite';
import { STATUS } from './support/overlay';
import { DRAFT as PANEL_DRAFT, REFINED as PANEL_REFINED } from './support/page-fixture';
import { openOptions, openPopup } from './support/extension-pages';
import { expect, test } from './support/fixtures';
import { setStorage } from './support/storage';

// Ten words and twenty: 13 and 26 tokens for the mock (words × 1.3, rounded).
const DRAFT = 'Write a haiku about autumn leaves in a quiet park.';
const REFINED =
  'You are a poet. Write a haiku about autumn leaves drifting down in a quiet city park at dusk, calm.';

test.describe('in the popup', () => {
  let draftMock: MockProvider;
  let refinementMock: MockProvider;

  test.beforeAll(async () => {
    draftMock = await startMockProvider({ scenario: { reply: DRAFT, firstTokenMs: 40 } });
    refinementMock = await startMockProvider({ scenario: { reply: REFINED, firstTokenMs: 80 } });
  });
  test.afterAll(async () => {
    await draftMock?.close();
    await refinementMock?.close();
  });
  test.beforeEach(async ({ extension }) => {
    draftMock.reset({ reply: DRAFT, firstTokenMs: 40 });
    refinementMock.reset({ reply: REFINED, firstTokenMs: 80 });
    await configureProviders(extension.serviceWorker, {
      draftUrl: draftMock.url,
      refinementUrl: refinementMock.url,
    });
  });

  async function optimizeInPopup(page: Page, prompt: string): Promise<void> {
    await page.getByLabel('Prompt', { exact: true }).fill(prompt);
    await page.getByRole('button', { name: 'Optimize' }).click();
    await expect(page.getByLabel('Optimized prompt')).toHaveValue(REFINED);
    await expect(page.getByRole('status').first()).toContainText('Refined!');
  }

  /** The prompt tokens the mock reported for its one chat request (words × 1.3 of the messages). */
  function promptTokensOf(mock: MockProvider): number {
    const chats = mock.requests.filter((r) => r.path.endsWith('/chat/completions'));
    expect(chats).toHaveLength(1);
    const messages = chats[0]?.body?.messages ?? [];
    return countTokens(messages.map((m) => messageText(m.content)).join('\n'));
  }

  test('with prices entered on the options page, the popup shows the estimated cost', async ({
    extension,
  }) => {
    expect([countTokens(DRAFT), countTokens(REFINED)]).toEqual([13, 26]);
    const options = await openOptions(extension.context, extension.extensionId);
    const prices = options.getByRole('group', { name: 'Prices' });
    // Both stages point at 127.0.0.1: neither model is priced there.
    await expect(prices).toContainText(
      `Draft: no price for llama-3.1-8b-instant at ${new URL(draftMock.url).host}, so its cost shows as “—”.`,
    );

    // The draft's price typed by hand, by label; 0 is a valid price (a free or local model).
    await prices.getByRole('button', { name: 'Add a price', exact: true }).click();
    const first = prices.getByRole('group', { name: 'Price 1' });
    await first.getByLabel('Provider address').fill(`${draftMock.url}/openai/v1`);
    await first.getByLabel('Model').fill('llama-3.1-8b-instant');
    await first.getByLabel('Input price').fill('0');
    await first.getByLabel('Output price').fill('100');
    // The refinement's through the offer, which fills in its address and model.
    await prices.getByRole('button', { name: 'Add a price for gpt-4o-mini' }).click();
    const second = prices.getByRole('group', { name: 'Price 2' });
    await expect(second.getByLabel('Provider address')).toHaveValue(refinementMock.url);
    await expect(second.getByLabel('Model')).toHaveValue('gpt-4o-mini');
    await second.getByLabel('Input price').fill('2');
    await second.getByLabel('Output price').fill('100');
    await expect(prices).not.toContainText('no price for');
    await prices.screenshot({ path: test.info().outputPath('options-prices.png') });
    await options.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByText('Saved', { exact: true })).toBeVisible();
    // Saved as origins: the base URL's path is not part of the endpoint's identity.
    await expect(first.getByLabel('Provider address')).toHaveValue(draftMock.url);
    await options.close();

    const popup = await openPopup(extension.context, extension.extensionId);
    await optimizeInPopup(popup, 'haiku autumn leaves');
    // Draft: 13 output tokens × $100 / 1M, input free; refinement: its prompt tokens × $2 / 1M
    // and 26 output tokens × $100 / 1M.
    const usd = (13 * 100 + promptTokensOf(refinementMock) * 2 + 26 * 100) / 1_000_000;
    expect(usd).toBeGreaterThan(0.0039);
    expect(usd).toBeLessThan(0.01);
    const shown = `≈ $${Number(usd.toPrecision(2))}`;
    await expect(popup.locator('.cost-line .cost')).toHaveText(shown);
    await expect(popup.getByText(shown, { exact: true })).toBeVisible();
    await popup.screenshot({ path: test.info().outputPath('popup-cost.png') });
    await expect(popup.locator('.cost-line')).toContainText(
      'Estimated cost of this request, from the tokens the provider reported and your prices in the settings.',
    );
    // And the draft's input really was free: its prompt tokens are not in the figure.
    expect(promptTokensOf(draftMock)).toBeGreaterThan(0);
    await popup.close();
  });

  test('without a price for the endpoint, the popup says the cost is unknown and why', async ({
    extension,
  }) => {
    const popup = await openPopup(extension.context, extension.extensionId);
    await optimizeInPopup(popup, 'haiku autumn leaves');
    const line = popup.locator('.cost-line');
    await expect(line.locator('.cost')).toHaveText('Cost —');
    await expect(line).toContainText('Cost — · price unknown');
    await expect(line).toContainText(
      `Price unknown for llama-3.1-8b-instant at ${new URL(draftMock.url).host} or gpt-4o-mini at ` +
        `${new URL(refinementMock.url).host}. Add it under Prices in the settings to see the cost.`,
    );
    await expect(popup.getByText(/≈ \$/)).toHaveCount(0);
    await popup.screenshot({ path: test.info().outputPath('popup-cost-unknown.png') });
    // "Add a price" opens the settings at their Prices section.
    const opened = extension.context.waitForEvent('page');
    await line.getByRole('button', { name: 'Add a price' }).click();
    const options = await opened;
    await expect(options).toHaveURL(/\/options\.html#prices$/);
    await expect(options.getByRole('group', { name: 'Prices' })).toBeInViewport();
    await expect(
      options.getByRole('button', { name: 'Add a price for llama-3.1-8b-instant' }),
    ).toBeVisible();
    await options.close();
    await popup.close();
  });

  test('a result from the cache says it was cached and cost $0', async ({ extension }) => {
    await configureProviders(extension.serviceWorker, {
      draftUrl: draftMock.url,
      refinementUrl: refinementMock.url,
      cache: true,
    });
    await setStorage(extension.serviceWorker, 'sync', {
      priceOverrides: [
        {
          origin: draftMock.url,
          model: 'llama-3.1-8b-instant',
          inputPerMTok: 0,
          outputPerMTok: 100,
        },
        { origin: refinementMock.url, model: 'gpt-4o-mini', inputPerMTok: 0, outputPerMTok: 100 },
      ],
    });
    const popup = await openPopup(extension.context, extension.extensionId);
    await optimizeInPopup(popup, 'haiku in the cache');
    // Output only: (13 + 26) × $100 / 1M.
    await expect(popup.locator('.cost-line .cost')).toHaveText('≈ $0.0039');
    await optimizeInPopup(popup, 'haiku in the cache');
    await expect(popup.locator('.cost-line .cost')).toHaveText('Cached · $0');
    await expect(popup.locator('.cost-line')).toContainText(
      'Served from the cache: nothing was sent to a provider, so it cost nothing.',
    );
    expect(
      refinementMock.requests.filter((r) => r.path.endsWith('/chat/completions')),
    ).toHaveLength(1);
    await popup.close();
  });

  test('a price that is not a number is refused on Save, with words that say what to type', async ({
    extension,
  }) => {
    const options = await openOptions(extension.context, extension.extensionId);
    const prices = options.getByRole('group', { name: 'Prices' });
    await prices.getByRole('button', { name: 'Add a price', exact: true }).click();
    const row = prices.getByRole('group', { name: 'Price 1' });
    await row.getByLabel('Provider address').fill('localhost:11434');
    await row.getByLabel('Model').fill('llama3.2');
    await row.getByLabel('Input price').fill('free');
    await row.getByLabel('Output price').fill('0');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByText('Nothing saved — fix 2 highlighted fields.')).toBeVisible();
    await expect(row.getByLabel('Provider address')).toBeFocused();
    await expect(row).toContainText(
      'Enter the provider’s address as in its base URL, such as https://openrouter.ai or http://localhost:11434',
    );
    await expect(row).toContainText(
      'Enter US dollars per million tokens, from 0 to 10,000, such as 0.15 (0 for a free or local model)',
    );
    await row.getByRole('button', { name: 'Remove price 1' }).click();
    await expect(prices).toContainText('No prices of your own yet.');
    await options.close();
  });
});

test.describe('in the page’s panel', () => {
  const suite = inPageSuite();
  const priced = (origin: string, model: string) => ({
    origin,
    model,
    inputPerMTok: 0,
    outputPerMTok: 1000,
  });

  test('the panel shows the cost beside the result', async ({ extension }) => {
    expect([countTokens(PANEL_DRAFT), countTokens(PANEL_REFINED)]).toEqual([8, 8]);
    await setStorage(extension.serviceWorker, 'sync', {
      priceOverrides: [
        priced(suite.servers.draft.url, 'llama-3.1-8b-instant'),
        priced(suite.servers.refinement.url, 'gpt-4o-mini'),
      ],
    });
    const field = await suite.open(extension, 'textarea');
    await field.type('write a haiku about autumn');
    await field.pressShortcut();
    await expect.poll(() => field.text()).toBe(PANEL_REFINED);
    const overlay = field.overlay();
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    // (8 + 8) output tokens × $1000 / 1M.
    await expect
      .poll(async () => (await overlay.snapshot())?.cost)
      .toBe(
        '≈ $0.016 Estimated cost of this request, from the tokens the provider reported and your prices in the settings.',
      );
    await field.page.screenshot({ path: test.info().outputPath('panel-cost.png') });
  });

  test('without a price the panel says the cost is unknown', async ({ extension }) => {
    const field = await suite.open(extension, 'textarea');
    await field.type('write a haiku about autumn');
    await field.pressShortcut();
    const overlay = field.overlay();
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    await expect
      .poll(async () => (await overlay.snapshot())?.cost)
      .toMatch(
        /^Cost — · price unknown Price unknown for llama-3\.1-8b-instant at 127\.0\.0\.1:\d+ or gpt-4o-mini at 127\.0\.0\.1:\d+\./,
      );
  });
});
