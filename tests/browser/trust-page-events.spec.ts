// Only the user can act: what a web page's own scripts (or an ad in a cross-origin iframe) can do
// with synthetic events and DOM access. Page scripts here are `page.evaluate`/`frame.evaluate`,
// which run in the page's main world like any site script; their events have isTrusted === false.
import type { Frame } from '@playwright/test';
import { inPageSuite } from './support/in-page-suite';
import { openPopupWindow } from './support/extension-pages';
import { expect, test, type ExtensionFixture } from './support/fixtures';
import { STATUS } from './support/overlay';
import { REFINED, sleep } from './support/page-fixture';

const suite = inPageSuite();

function requestCount(): number {
  return suite.servers.draft.requests.length + suite.servers.refinement.requests.length;
}

/**
 * A page script's forgery of the shortcut: put text in the field, focus it, and dispatch
 * Alt+Shift+O keydown/keyup as a real keyboard would describe them (composed, so they cross
 * shadow boundaries too).
 */
async function forgeShortcut(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const field = document.querySelector<HTMLTextAreaElement>('[data-testid="editor"]')!;
    field.value = 'write a phishing email, billed to the visitor';
    field.focus();
    for (const type of ['keydown', 'keyup']) {
      field.dispatchEvent(
        new KeyboardEvent(type, {
          key: 'Ø',
          code: 'KeyO',
          keyCode: 79,
          altKey: true,
          shiftKey: true,
          bubbles: true,
          cancelable: true,
          composed: true,
        }),
      );
    }
  });
}

/** Optimizes in the popup, then clicks "Insert into page" and waits for "Inserted". */
async function insertFromPopup(extension: ExtensionFixture): Promise<void> {
  const popup = await openPopupWindow(extension.context, extension.serviceWorker);
  await popup.getByLabel('Prompt', { exact: true }).fill('haiku autumn leaves');
  await popup.getByRole('button', { name: 'Optimize' }).click();
  await expect(popup.getByLabel('Optimized prompt')).toHaveValue(REFINED);
  await popup.getByRole('button', { name: 'Insert into page' }).click();
  await expect(popup.getByText('Inserted')).toBeVisible();
}

/** How many panels a page script can find in that frame's document. */
function panelsIn(frame: Frame): Promise<number> {
  return frame.evaluate(() => document.querySelectorAll('prompt-relay-overlay').length);
}

test('a page script forging Alt+Shift+O in a field starts no request and shows no panel', async ({
  extension,
}) => {
  const field = await suite.open(extension, 'textarea');
  await forgeShortcut(field.page.mainFrame());
  await sleep(1500);
  expect(requestCount()).toBe(0);
  expect(await panelsIn(field.page.mainFrame())).toBe(0);
  expect(await field.text()).toBe('write a phishing email, billed to the visitor');
});

test('a cross-origin iframe forging Alt+Shift+O starts no request and shows no panel', async ({
  extension,
}) => {
  const field = await suite.open(extension, 'iframe-cross-origin');
  const frame = field.page.frames().find((f) => f !== field.page.mainFrame());
  expect(new URL(frame!.url()).host).not.toBe(new URL(field.page.url()).host);
  await forgeShortcut(frame!);
  await sleep(1500);
  expect(requestCount()).toBe(0);
  expect(await panelsIn(frame!)).toBe(0);
  expect(await panelsIn(field.page.mainFrame())).toBe(0);
  expect(await field.text()).toBe('write a phishing email, billed to the visitor');
});

test('after an optimization, a page script cannot reach into the panel or read its text', async ({
  extension,
}) => {
  const field = await suite.open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('a cat surfing at sunset');
  await field.pressShortcut();
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);

  const seen = await field.page.evaluate(() => {
    const host = document.querySelector('prompt-relay-overlay')!;
    return {
      shadowRootIsNull: host.shadowRoot === null,
      text: `${host.textContent ?? ''}|${(host as HTMLElement).innerText}`,
    };
  });
  expect(seen.shadowRootIsNull).toBe(true);
  expect(seen.text).not.toContain('Refined!');
  expect(seen.text).not.toContain('Restore original');
});

test('after an optimization, page-dispatched clicks and changes on the panel start nothing', async ({
  extension,
}) => {
  const field = await suite.open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('a cat surfing at sunset');
  await field.pressShortcut();
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  await expect.poll(() => field.text()).toBe(REFINED);
  expect(requestCount()).toBe(2);

  // Everything a page can aim at: the host, what is drawn over the panel, and — should the root
  // ever be reachable — every control inside it (mode switch to "video", every button clicked).
  await field.page.evaluate(async () => {
    const host = document.querySelector<HTMLElement>('prompt-relay-overlay')!;
    const root = host.shadowRoot;
    const box = (root?.querySelector('.panel') ?? host).getBoundingClientRect();
    const under = document.elementFromPoint(box.left + 20, box.top + 20);
    const targets: Element[] = [host, ...(under ? [under] : [])];
    if (root) targets.push(...root.querySelectorAll('select, button'));
    for (const target of targets) {
      if (target instanceof HTMLSelectElement) target.value = 'video';
      for (const type of ['input', 'change']) {
        target.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
      }
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
        target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, button: 0 }));
      }
      if (target instanceof HTMLElement) target.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  await sleep(1500);
  expect(requestCount()).toBe(2);
  expect(await field.text()).toBe(REFINED);
  expect((await overlay.snapshot())?.mode).toBe('general');
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
});

test('a page-forged Escape does not cancel a running request', async ({ extension }) => {
  const { field, overlay, release } = await suite.untilRefining(extension, 'textarea');
  await field.page.evaluate(() => {
    const field = document.querySelector<HTMLElement>('[data-testid="editor"]')!;
    field.focus();
    const escape = { key: 'Escape', code: 'Escape', keyCode: 27, bubbles: true, composed: true };
    field.dispatchEvent(new KeyboardEvent('keydown', { ...escape, cancelable: true }));
    field.dispatchEvent(new KeyboardEvent('keyup', escape));
    const host = document.querySelector('prompt-relay-overlay');
    host?.dispatchEvent(new KeyboardEvent('keydown', { ...escape, cancelable: true }));
  });
  release();
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  expect(await field.text()).toBe(REFINED);
  expect(suite.servers.refinement.requests).toHaveLength(1);
  expect(suite.servers.refinement.requests[0]?.aborted).toBe(false);
});

test('a page-forged focusin in an ad iframe does not steer "Insert into page"', async ({
  extension,
}) => {
  const field = await suite.open(extension, 'textarea');
  await field.type('draft me');
  // The site embeds an ad from another origin, whose script fakes focus on its own field.
  const pageUrl = new URL(field.page.url());
  const adUrl = `http://localhost:${pageUrl.port}/textarea.html`;
  await field.page.evaluate((src) => {
    const ad = document.createElement('iframe');
    ad.src = src;
    document.body.append(ad);
  }, adUrl);
  await expect.poll(() => field.page.frames().length).toBe(2);
  const ad = field.page.frames().find((f) => f !== field.page.mainFrame())!;
  await ad.waitForFunction(() => Boolean((window as { __fixture?: unknown }).__fixture));
  await ad.evaluate(() => {
    const adField = document.querySelector('[data-testid="editor"]')!;
    for (const type of ['focus', 'focusin']) {
      adField.dispatchEvent(new FocusEvent(type, { bubbles: type === 'focusin', composed: true }));
    }
  });

  await insertFromPopup(extension);
  await expect.poll(() => field.text()).toBe(REFINED);
  expect(
    await ad.evaluate(() => document.querySelector<HTMLTextAreaElement>('textarea')!.value),
  ).toBe('');
});

test('the user\'s own focus in a cross-origin frame still steers "Insert into page"', async ({
  extension,
}) => {
  // The counterpart of the test above: trusted focus in the frame the user is in counts.
  const field = await suite.open(extension, 'iframe-cross-origin');
  await field.type('draft me');
  await insertFromPopup(extension);
  await expect.poll(() => field.text()).toBe(REFINED);
});
