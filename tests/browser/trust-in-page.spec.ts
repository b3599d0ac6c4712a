// No path loses the user's text, and results stay where they were made: what a hurried user does
// (typing elsewhere, editing before the selection, a page that swaps its field) and what a
// poisoned cache or a refusing model would do.
import { configureProviders } from './support/configure-providers';
import { inPageSuite } from './support/in-page-suite';
import { expect, test } from './support/fixtures';
import { STATUS } from './support/overlay';
import { DRAFT, FixturePage, REFINED } from './support/page-fixture';

const suite = inPageSuite();
const open = suite.open;

test('"Apply refined" after the user typed before the selected part writes it where that part now is', async ({
  extension,
}) => {
  const release = suite.servers.refinement.hold();
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('Keep this. Fix me please. Keep that.');
  await field.selectWithKeyboard('Keep this. '.length, 'Fix me please.'.length);
  await field.pressShortcut();
  await expect.poll(() => field.text()).toBe(`Keep this. ${DRAFT} Keep that.`);
  // The user adds words at the very start while the refinement is on its way.
  await field.page.keyboard.press('Control+Home');
  await field.page.keyboard.type('Note: ');
  release();
  await expect
    .poll(() => overlay.status())
    .toBe('You changed the text, so the refined version was not written. Apply it?');
  await overlay.click('Apply refined');
  await expect.poll(() => field.text()).toBe(`Note: Keep this. ${REFINED} Keep that.`);
});

test('a second trigger on a selected part, after its result landed, re-runs it in the same place', async ({
  extension,
}) => {
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('Keep this. Fix me please. Keep that.');
  await field.selectWithKeyboard('Keep this. '.length, 'Fix me please.'.length);
  await field.pressShortcut();
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  expect(await field.text()).toBe(`Keep this. ${REFINED} Keep that.`);
  await field.pressShortcut();
  await expect.poll(() => suite.servers.refinement.requests.length).toBe(2);
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  expect(await field.text()).toBe(`Keep this. ${REFINED} Keep that.`);
  await overlay.click('Restore original');
  await expect.poll(() => field.text()).toBe('Keep this. Fix me please. Keep that.');
});

test('the refinement never pulls focus back: keys typed in another field stay there', async ({
  extension,
}) => {
  const release = suite.servers.refinement.hold();
  const field = await open(extension, 'refused-fields');
  const overlay = field.overlay();
  await field.page.getByTestId('opinion').click();
  await field.page.keyboard.type('write a haiku about autumn');
  await field.pressShortcut();
  await expect.poll(() => field.text('opinion')).toBe(DRAFT);
  // The user moves on to another field while the refinement is on its way.
  await field.page.getByTestId('shipping').click();
  await field.page.keyboard.type('12 Main St');
  await expect.poll(() => suite.servers.refinement.requests.length).toBe(1);
  release();
  await expect
    .poll(() => overlay.status(), { timeout: 10_000 })
    .toBe('You moved to another field, so the refined version was not written. Apply it?');
  await field.page.keyboard.type(', Springfield');
  expect(await field.text('shipping')).toBe('12 Main St, Springfield');
  expect(await field.text('opinion')).toBe(DRAFT);
  expect(await field.page.evaluate(() => document.activeElement?.id)).toBe('shipping');
  // Asked for, it goes in.
  await overlay.click('Apply refined');
  await expect.poll(() => field.text('opinion')).toBe(REFINED);
});

test('when the page replaces the field mid-request, the original and the result can still be copied', async ({
  extension,
}) => {
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: suite.servers.pages.url,
  });
  const { field, overlay, release } = await suite.untilRefining(extension, 'textarea');
  // A framework re-render: the same-looking textarea, a new node.
  await field.page.evaluate(() => {
    const old = document.querySelector('textarea')!;
    const fresh = old.cloneNode() as HTMLTextAreaElement;
    old.replaceWith(fresh);
  });
  release();
  await expect
    .poll(() => overlay.status(), { timeout: 5_000 })
    .toBe('The page removed this field. Your text is safe here: copy the original or the result.');
  await expect.poll(() => overlay.preview()).toBe(REFINED);
  await overlay.click('Copy original');
  const clipboard = () => field.page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(clipboard).toBe('write a haiku about autumn');
  await overlay.click('Copy');
  await expect.poll(clipboard).toBe(REFINED);
});

test('a cached result is never served to another site, and a cache hit ends with the refinement in the field', async ({
  extension,
}) => {
  await configureProviders(extension.serviceWorker, {
    draftUrl: suite.servers.draft.url,
    refinementUrl: suite.servers.refinement.url,
    cache: true,
  });
  const prompt = 'write a haiku about autumn';
  const first = await open(extension, 'textarea');
  await first.type(prompt);
  await first.pressShortcut();
  await expect.poll(() => first.overlay().status()).toMatch(STATUS.refined);
  expect(suite.servers.draft.requests).toHaveLength(1);

  // The same page again: served from the cache, and it ends as a live result does.
  const again = await open(extension, 'textarea');
  await again.type(prompt);
  await again.pressShortcut();
  await expect.poll(() => again.overlay().status()).toMatch(STATUS.refined);
  await again.page.waitForTimeout(300);
  expect(await again.text()).toBe(REFINED);
  expect(suite.servers.draft.requests).toHaveLength(1);

  // Another origin (same server, another host name): asks the providers itself.
  const otherOrigin = suite.servers.pages.url.replace('127.0.0.1', 'localhost');
  const elsewhere = await FixturePage.open(extension.context, otherOrigin, 'textarea');
  await elsewhere.type(prompt);
  await elsewhere.pressShortcut();
  await expect.poll(() => elsewhere.overlay().status()).toMatch(STATUS.refined);
  expect(suite.servers.draft.requests).toHaveLength(2);
});

test("a model's refusal never stays in the field: the original is back, and the panel says why", async ({
  extension,
}) => {
  const refusal = "I'm sorry, but I can't help with that.";
  suite.servers.draft.setScenario({ reply: refusal, tokensPerSecond: 8 });
  suite.servers.refinement.setScenario({ reply: refusal });
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  // The refusal streamed in as a draft would, then goes.
  await expect.poll(() => field.text(), { intervals: [50] }).toMatch(/^I'm sorry/);
  await expect
    .poll(() => overlay.status(), { timeout: 5_000 })
    .toBe(
      "The model declined to rewrite this prompt (it answered “I'm sorry, but I can't help with that.”). Your text is unchanged.",
    );
  expect(await field.text()).toBe('write a haiku about autumn');
});
