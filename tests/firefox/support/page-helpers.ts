// Finding controls the way a user does (by their label or their words) on pages driven by
// puppeteer-core over WebDriver BiDi, where Playwright's getByLabel/getByRole are not available.
import type { ElementHandle, Page } from 'puppeteer-core';
import { waitFor } from './launch-firefox';

/** The control a `<label>` with exactly this text points at (`for=`), once it is in the page. */
export async function byLabel(page: Page, label: string): Promise<ElementHandle<Element>> {
  return waitFor(`the control labelled "${label}"`, async () => {
    const handle = await page.evaluateHandle((text) => {
      const match = [...document.querySelectorAll('label')].find(
        (el) => el.textContent?.trim() === text,
      );
      if (!match) return null;
      return match.htmlFor ? document.getElementById(match.htmlFor) : match.querySelector('input');
    }, label);
    const element = handle.asElement();
    if (element) return element as ElementHandle<Element>;
    await handle.dispose();
    return null;
  });
}

/** A button whose own text is exactly `name`. */
export async function byButton(page: Page, name: string): Promise<ElementHandle<Element>> {
  return waitFor(`the button "${name}"`, async () => {
    const handle = await page.evaluateHandle(
      (text) =>
        [...document.querySelectorAll('button')].find((el) => el.textContent?.trim() === text) ??
        null,
      name,
    );
    const element = handle.asElement();
    if (element) return element as ElementHandle<Element>;
    await handle.dispose();
    return null;
  });
}

/** Replaces a text control's value by typing, as a user would after selecting what is there. */
export async function fillByLabel(page: Page, label: string, value: string): Promise<void> {
  const control = await byLabel(page, label);
  await control.focus();
  await control.evaluate((el) => (el as HTMLInputElement).select());
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value);
  const now = await control.evaluate((el) => (el as HTMLInputElement).value);
  if (now !== value) throw new Error(`"${label}" holds "${now}" after typing "${value}"`);
}

export async function valueByLabel(page: Page, label: string): Promise<string> {
  const control = await byLabel(page, label);
  return control.evaluate((el) => (el as HTMLInputElement).value);
}

export async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Reloads and waits for the new document (reload() can reject like goto() on extension pages). */
export async function reloadAndWait(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __beforeReload: boolean }).__beforeReload = true;
    location.reload();
  });
  await waitFor('the page to reload', () =>
    page.evaluate(
      () =>
        !(window as unknown as { __beforeReload?: boolean }).__beforeReload &&
        document.readyState === 'complete',
    ),
  );
}
