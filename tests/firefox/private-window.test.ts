// Private browsing in Firefox: with the extension allowed there (as a user allows it in
// about:addons), Alt+Shift+O in a private window's field optimizes as anywhere else, and nothing of
// it reaches the History. Its own Firefox: allowing private windows reloads the add-on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMockProvider, type MockProvider } from '../fixtures/mock-provider/mock-provider';
import { startStaticServer, type StaticServer } from '../fixtures/pages/static-server';
import { evaluateInChrome } from './support/chrome-keys';
import { configureProviders } from './support/configure';
import { inTabContentProcess } from './support/content-process';
import { inContentScript } from './support/content-script';
import {
  launchFirefox,
  openExtensionPage,
  sleep,
  waitFor,
  type FirefoxWithExtension,
} from './support/launch-firefox';
import { bodyText } from './support/page-helpers';

const DRAFT = 'Draft: a private haiku about the moon.';
const REFINED = 'Refined: a 5-7-5 haiku about the moon over a quiet lake.';

let firefox: FirefoxWithExtension;
let draftMock: MockProvider;
let refinementMock: MockProvider;
let pages: StaticServer;

void describe('Prompt Relay in a Firefox private window', () => {
  before(async () => {
    [draftMock, refinementMock, pages] = await Promise.all([
      startMockProvider({ scenario: { reply: DRAFT, firstTokenMs: 60, tokensPerSecond: 300 } }),
      startMockProvider({ scenario: { reply: REFINED, firstTokenMs: 300, tokensPerSecond: 300 } }),
      startStaticServer(),
    ]);
    firefox = await launchFirefox();
    await configureProviders(firefox.browser, draftMock, refinementMock);
  });

  after(async () => {
    await firefox?.close();
    await Promise.all([draftMock?.close(), refinementMock?.close(), pages?.close()]);
  });

  void it('an optimization in a private window lands in its field and is not listed in the History', async () => {
    // "Run in Private Windows: Allow" (about:addons), then the add-on reloads with it.
    await evaluateInChrome(
      firefox.browser,
      `(async () => {
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
        const id = ${JSON.stringify(firefox.addonId)};
        await ExtensionPermissions.add(id, { permissions: ['internal:privateBrowsingAllowed'], origins: [] });
        await (await AddonManager.getAddonByID(id)).reload();
        return true;
      })()`,
    );
    const url = `${pages.url}/textarea.html#private`;
    await evaluateInChrome(
      firefox.browser,
      `(() => {
        openTrustedLinkIn(${JSON.stringify(url)}, 'window', { private: true });
        return true;
      })()`,
    );
    const privateTab = () =>
      evaluateInChrome(
        firefox.browser,
        `(() => {
          const win = [...Services.wm.getEnumerator('navigator:browser')].find((w) => PrivateBrowsingUtils.isWindowPrivate(w));
          return win ? win.gBrowser.selectedBrowser.currentURI.spec : null;
        })()`,
      );
    await waitFor(
      'the private window to show the page',
      async () => (await privateTab()) === url,
      20_000,
    );
    await waitFor('the fixture in the private window', () =>
      inTabContentProcess(
        firefox.browser,
        url,
        ({ content }) => 'wrappedJSObject' in content && content.document.readyState === 'complete',
        null,
      ),
    );
    // The add-on's trigger script runs in the private tab before the shortcut is pressed.
    await waitFor('the trigger script in the private tab', () =>
      inContentScript<boolean>(
        firefox.browser,
        url,
        firefox.addonId,
        "Boolean(globalThis[Symbol.for('prompt-relay')]?.triggersInstalled)",
      ).catch(() => false),
    );
    const text = (): Promise<string> =>
      inTabContentProcess(
        firefox.browser,
        url,
        ({ content }) => content.document.querySelector('textarea')!.value,
        null,
      );
    // Type into the field and press the shortcut, in the private window.
    await evaluateInChrome(
      firefox.browser,
      `(async () => {
        const win = [...Services.wm.getEnumerator('navigator:browser')].find((w) => PrivateBrowsingUtils.isWindowPrivate(w));
        win.focus();
        win.gBrowser.selectedBrowser.focus();
        return true;
      })()`,
    );
    await inTabContentProcess(
      firefox.browser,
      url,
      ({ content }) => {
        const field = content.document.querySelector('textarea')!;
        field.focus();
        content.document.execCommand('insertText', false, 'a private prompt about the moon');
        return field.value;
      },
      null,
    );
    assert.equal(await text(), 'a private prompt about the moon');
    await evaluateInChrome(
      firefox.browser,
      `(() => {
        const win = [...Services.wm.getEnumerator('navigator:browser')].find((w) => PrivateBrowsingUtils.isWindowPrivate(w));
        const utils = { window: win, parent: win, _EU_Ci: Ci, _EU_Cc: Cc };
        Services.scriptloader.loadSubScript('chrome://remote/content/external/EventUtils.js', utils);
        utils.synthesizeKey('O', { altKey: true, shiftKey: true, code: 'KeyO' }, win);
        return true;
      })()`,
    );
    await waitFor(
      'the refinement in the private window',
      async () => (await text()) === REFINED,
      15_000,
    );
    assert.ok(
      JSON.stringify(draftMock.requests.at(-1)?.body ?? {}).includes(
        'a private prompt about the moon',
      ),
      'the providers were asked',
    );

    // The History opened in the private window says where the history is.
    const inPrivate = await openExtensionPage(firefox.browser, 'prompt-history.html');
    await waitFor('the private-window words', async () =>
      (await bodyText(inPrivate)).includes(
        'There is no history in a private window: nothing is recorded there. Open History from a normal window to see it.',
      ),
    );
    await inPrivate.close();

    // Nothing of it in the History, opened in the normal window (the private one is closed).
    await sleep(1000);
    await evaluateInChrome(
      firefox.browser,
      `(() => {
        const win = [...Services.wm.getEnumerator('navigator:browser')].find((w) => PrivateBrowsingUtils.isWindowPrivate(w));
        win?.close();
        return true;
      })()`,
    );
    await waitFor(
      'the private window to close',
      async () =>
        !(await evaluateInChrome(
          firefox.browser,
          "[...Services.wm.getEnumerator('navigator:browser')].some((w) => PrivateBrowsingUtils.isWindowPrivate(w))",
        )),
    );
    const history = await openExtensionPage(firefox.browser, 'prompt-history.html');
    await waitFor('the History to load', async () => {
      const words = await bodyText(history);
      return words.includes('No optimizations yet') || words.includes('newest first');
    });
    assert.ok(!(await bodyText(history)).includes('private prompt'), await bodyText(history));
    assert.ok((await bodyText(history)).includes('No optimizations yet'));
    await history.close();
  });
});
