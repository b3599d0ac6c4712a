// What in-page optimization does with the user's text: only a selection is replaced, an edit made
// while refining is never overwritten, model output stays plain text, the original is one click
// away, and either stage failing still leaves a usable result.
import { inPageSuite } from './support/in-page-suite';
import { expect, test } from './support/fixtures';
import { STATUS } from './support/overlay';
import { DRAFT, REFINED, sleep } from './support/page-fixture';

const suite = inPageSuite();

const open = suite.open;

/** Everything the provider was sent for a request, as one string. */
function sentText(index = 0): string {
  return JSON.stringify(suite.servers.draft.requests[index]?.body?.messages ?? []);
}

for (const name of ['textarea', 'prosemirror'] as const) {
  test(`${name}: with part of the text selected, only the selection is replaced`, async ({
    extension,
  }) => {
    const field = await open(extension, name);
    await field.type('Keep this. Fix me please. Keep that.');
    // Select "Fix me please." with the keyboard, as a user would.
    await field.selectWithKeyboard('Keep this. '.length, 'Fix me please.'.length);
    // Held until the draft has been seen: it lasts only 0.6 s before the refinement replaces it.
    const release = suite.servers.refinement.hold();
    await field.pressShortcut();

    await expect.poll(() => field.text()).toBe(`Keep this. ${DRAFT} Keep that.`);
    release();
    await expect.poll(() => field.text()).toBe(`Keep this. ${REFINED} Keep that.`);
    await expect.poll(() => field.overlay().status()).toMatch(STATUS.refined);
    // Only the selection went to the provider.
    expect(sentText()).toContain('Fix me please.');
    expect(sentText()).not.toContain('Keep this');
    expect(sentText()).not.toContain('Keep that');
  });
}

// A value field, a rich editor and the code editors (Monaco's two inputs, Ace).
for (const name of ['textarea', 'prosemirror', 'monaco', 'monaco-textarea', 'ace'] as const) {
  test(`${name}: an edit typed while refining survives; "Apply refined" writes the refinement`, async ({
    extension,
  }) => {
    // Time to type before the refinement lands.
    const { field, overlay, release } = await suite.untilRefining(extension, name);
    // A person reacts to the draft after a moment, not within the same millisecond.
    await sleep(100);
    await field.page.keyboard.press('Control+End');
    await field.page.keyboard.type(' Mine.');
    release();
    await expect.poll(() => overlay.status()).toBe(STATUS.offer);
    expect(await field.text()).toBe(`${DRAFT} Mine.`);
    // The refinement stays out of the field until asked for.
    await sleep(300);
    expect(await field.text()).toBe(`${DRAFT} Mine.`);

    await overlay.click('Apply refined');
    await expect.poll(() => field.text()).toBe(REFINED);
  });
}

const HTML_DRAFT = '<img src=x onerror=alert(1)><b>bold</b>';
const HTML_REFINED = '<b>refined</b> <img src=y onerror=alert(2)> <script>alert(3)</script>';

for (const name of ['contenteditable', 'prosemirror', 'lexical'] as const) {
  test(`${name}: HTML-looking output is written as literal text`, async ({ extension }) => {
    suite.servers.draft.setScenario({ reply: HTML_DRAFT });
    suite.servers.refinement.setScenario({ reply: HTML_REFINED });
    const field = await open(extension, name);
    const dialogs: string[] = [];
    field.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const overlay = field.overlay();
    await field.type('write a haiku about autumn');
    const release = suite.servers.refinement.hold();
    await field.pressShortcut();

    await expect.poll(() => field.text()).toBe(HTML_DRAFT);
    expect(await field.elementCount('img')).toBe(0);
    expect(await field.elementCount('b')).toBe(0);
    release();
    await expect.poll(() => field.text()).toBe(HTML_REFINED);
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    expect(await field.elementCount('img')).toBe(0);
    expect(await field.elementCount('b')).toBe(0);
    expect(await field.elementCount('script')).toBe(0);
    expect(await overlay.countInPanel('img, b, script')).toBe(0);
    expect(dialogs).toEqual([]);
  });
}

// Tiptap groups the streamed draft itself; Lexical's is folded back with its own undo.
for (const name of ['textarea', 'tiptap', 'lexical'] as const) {
  test(`${name}: "Restore original" brings back the exact original after the refinement`, async ({
    extension,
  }) => {
    const original = 'Make a haiku: autumn, leaves & rain (short)!';
    const field = await open(extension, name);
    const overlay = field.overlay();
    await field.type(original);
    await field.pressShortcut();
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    await expect.poll(() => field.text()).toBe(REFINED);

    await overlay.click('Restore original');
    await expect.poll(() => field.text()).toBe(original);
    await expect.poll(() => overlay.status()).toBe('Original restored.');
  });
}

test('a draft endpoint answering 500 still ends with the single-stage refinement in the field', async ({
  extension,
}) => {
  suite.servers.draft.setScenario({ failure: { kind: 'status', status: 500 } });
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('write a haiku about autumn');
  await field.pressShortcut();

  await expect.poll(() => field.text()).toBe(REFINED);
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  expect(suite.servers.draft.requests.length).toBeGreaterThanOrEqual(1);
  expect(suite.servers.refinement.requests).toHaveLength(1);
});

test('a refinement endpoint answering 500 keeps the draft in the field and says so', async ({
  extension,
}) => {
  suite.servers.refinement.setScenario({ failure: { kind: 'status', status: 500 } });
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('write a haiku about autumn');
  await field.pressShortcut();

  // Error words name the host that answered (the mock), not a provider guessed from the preset.
  await expect
    .poll(() => overlay.status())
    .toContain(
      `Refinement failed — the draft is kept. ${new URL(suite.servers.refinement.url).host} had a problem (HTTP 500)`,
    );
  expect(await field.text()).toBe(DRAFT);
});

test('provider requests made for a page come from the extension worker, not the page', async ({
  extension,
}) => {
  const field = await open(extension, 'textarea');
  await field.type('write a haiku about autumn');
  await field.pressShortcut();
  await expect.poll(() => field.overlay().status()).toMatch(STATUS.refined);

  const requests = [...suite.servers.draft.requests, ...suite.servers.refinement.requests];
  expect(requests).toHaveLength(2);
  for (const request of requests) {
    expect(request.headers.origin).toBe(`chrome-extension://${extension.extensionId}`);
  }
});

/** A textarea whose "a cat surfing at sunset" has been optimized: the panel says "Refined!". */
async function refinedTextarea(extension: Parameters<typeof open>[0]) {
  const field = await open(extension, 'textarea');
  const overlay = field.overlay();
  await field.type('a cat surfing at sunset');
  await field.pressShortcut();
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  return { field, overlay };
}

test('switching the mode in the panel re-runs the original prompt in that mode', async ({
  extension,
}) => {
  const { field, overlay } = await refinedTextarea(extension);
  expect(await field.text()).toBe(REFINED);

  await overlay.chooseMode('Video');
  await expect.poll(() => suite.servers.draft.requests.length).toBe(2);
  const rerun = JSON.stringify(suite.servers.draft.requests[1]?.body?.messages ?? []);
  expect(rerun).toContain('Mode: video');
  // The original text is what gets optimized again, not the refinement now in the field.
  expect(rerun).toContain('a cat surfing at sunset');
  expect(rerun).not.toContain('Refined line one');
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  await expect.poll(() => field.text()).toBe(REFINED);
  // And the original is still one click away.
  await overlay.click('Restore original');
  await expect.poll(() => field.text()).toBe('a cat surfing at sunset');
});

test('arrowing through the panel’s mode list starts nothing until Enter; a pick from the open list runs at once', async ({
  extension,
}) => {
  const { field, overlay } = await refinedTextarea(extension);
  expect(await overlay.modeHint()).toEqual({ shown: null, described: '' });

  // General → Reasoning → Research → Socratic on the closed list (Chrome on Linux fires `change`
  // at each arrow), then a pause longer than a person takes to listen to an option: no run.
  await overlay.pressInModeList(['ArrowDown', 'ArrowDown', 'ArrowDown'], 150);
  await expect
    .poll(() => overlay.modeHint())
    .toEqual({ shown: 'Enter to run', described: 'Enter to run' });
  await sleep(1500);
  expect(suite.servers.draft.requests).toHaveLength(1);
  expect(await field.text()).toBe(REFINED);

  // Enter runs the mode the list shows, once.
  await field.page.keyboard.press('Enter');
  await expect.poll(() => suite.servers.draft.requests.length).toBe(2);
  expect(sentText(1)).toContain('Mode: socratic');
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
  expect(await overlay.modeHint()).toEqual({ shown: null, described: '' });
  expect(suite.servers.draft.requests).toHaveLength(2);
  expect(await field.text()).toBe(REFINED);

  // Tab out of the list runs it too.
  await overlay.pressInModeList(['ArrowUp', 'Tab']);
  await expect.poll(() => suite.servers.draft.requests.length).toBe(3);
  expect(sentText(2)).toContain('Mode: research');
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);

  // The open list (Alt+ArrowDown): keys inside it reach no keydown, and its pick runs at once.
  await overlay.pressInModeList(['Alt+ArrowDown', 'ArrowDown', 'Enter']);
  await expect.poll(() => suite.servers.draft.requests.length).toBe(4);
  expect(sentText(3)).toContain('Mode: socratic');
  await expect.poll(() => overlay.status()).toMatch(STATUS.refined);

  // Esc leaves the list: the mode it was passing over is dropped, and the panel closes.
  await overlay.pressInModeList(['ArrowDown', 'Escape']);
  await expect.poll(() => overlay.count()).toBe(0);
  await sleep(1000);
  expect(suite.servers.draft.requests).toHaveLength(4);
  expect(await field.text()).toBe(REFINED);
});

test('an editor that takes no DOM input gets the result on the clipboard, and says so', async ({
  extension,
}) => {
  // Each refused write waits for the editor (≈0.5 s): the refinement is held until the draft's
  // turn on the clipboard has been seen, so the refinement cannot take it first.
  const release = suite.servers.refinement.hold();
  const field = await open(extension, 'locked-editor');
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: suite.servers.pages.url,
  });
  const overlay = field.overlay();
  await field.page.evaluate(() =>
    (window as unknown as { __fixture: { setText(text: string): void } }).__fixture.setText(
      'a prompt the editor keeps to itself',
    ),
  );
  await field.focus();
  await field.pressShortcut();
  await expect.poll(() => overlay.status()).toContain('it is on your clipboard');
  const clipboard = () => field.page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(clipboard).toBe(DRAFT);
  release();
  await expect.poll(clipboard).toBe(REFINED);
  await expect.poll(() => overlay.status()).toContain('it is on your clipboard');
  // The editor's own model was never touched.
  expect(await field.text()).toBe('a prompt the editor keeps to itself');
});

test('keyboard only: Tab from the field reaches "Apply refined", Enter applies it', async ({
  extension,
}) => {
  const { field, overlay, release } = await suite.untilRefining(extension, 'textarea');
  await sleep(100);
  await field.page.keyboard.type(' Mine.');
  release();
  await expect.poll(() => overlay.isVisible('Apply refined')).toBe(true);
  await field.page.keyboard.press('Tab');
  await expect.poll(() => overlay.focused()).toBe('Apply refined');
  await field.page.keyboard.press('Enter');
  await expect.poll(() => field.text()).toBe(REFINED);
});

/** A refinement long enough to watch arrive: 24 words, 3 s at 8 words a second. */
const SLOW_REFINED =
  'You are a poet. Write a haiku about autumn leaves drifting down in a quiet park at dusk, calm and reflective; return only the three lines.';

for (const name of ['textarea', 'prosemirror'] as const) {
  test(`${name}: while the refinement streams the panel shows its words so far and its text; the field keeps the draft until it is complete`, async ({
    extension,
  }) => {
    suite.servers.refinement.setScenario({
      reply: SLOW_REFINED,
      firstTokenMs: 300,
      tokensPerSecond: 8,
    });
    const field = await open(extension, name);
    const overlay = field.overlay();
    await field.type('write a haiku about autumn');
    // Held until the waiting line has been seen, then streamed in real time (its pace is what
    // the live region's "now and then" is measured against).
    const release = suite.servers.refinement.hold();
    await field.pressShortcut();
    await expect.poll(() => field.text()).toBe(DRAFT);
    await expect
      .poll(async () => (await overlay.snapshot())?.refining?.line)
      .toBe('Refining… waiting for the refinement model');
    release();

    // What the user sees while it streams, sampled until the refinement is complete.
    const samples: {
      words: number;
      text: string;
      announced: string;
      field: string;
      box: string;
    }[] = [];
    const startedAt = Date.now();
    for (let screenshot = true; Date.now() - startedAt < 10_000; await sleep(80)) {
      // The field first: the panel stops showing progress before the refinement is written, so
      // a panel still refining after this read means the field was read before that write.
      const fieldText = await field.text();
      const snapshot = await overlay.snapshot();
      if (!snapshot?.refining) break;
      const count = /^Refining… (\d+) words? so far$/.exec(snapshot.refining.line);
      if (!count) continue;
      samples.push({
        words: Number(count[1]),
        text: snapshot.refining.text,
        announced: snapshot.announced,
        field: fieldText,
        box: JSON.stringify(snapshot.box),
      });
      if (screenshot && samples.at(-1)!.words >= 12) {
        screenshot = false;
        await field.page.screenshot({ path: test.info().outputPath(`panel-refining-${name}.png`) });
      }
    }
    const streamedFor = Date.now() - startedAt;
    const counts = samples.map((sample) => sample.words);
    // The count grows with the stream, and never goes back.
    expect(new Set(counts).size).toBeGreaterThanOrEqual(5);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(samples.some((sample) => sample.text.startsWith('You are a poet. Write a haiku'))).toBe(
      true,
    );
    // The panel neither grows nor moves while the text streams in (it would cover the field).
    expect(new Set(samples.map((sample) => sample.box)).size).toBe(1);
    // The field holds the draft all along.
    expect(samples.map((sample) => sample.field)).toEqual(samples.map(() => DRAFT));
    // The live region says the count now and then, not at every token.
    const announced = new Set(samples.map((sample) => sample.announced).filter(Boolean));
    expect(announced.size).toBeGreaterThanOrEqual(1);
    expect(announced.size).toBeLessThanOrEqual(Math.ceil(streamedFor / 2000) + 1);
    expect(announced.size).toBeLessThan(new Set(counts).size);

    // Complete: it replaces the draft, and the progress is gone.
    await expect.poll(() => field.text()).toBe(SLOW_REFINED);
    await expect.poll(() => overlay.status()).toMatch(STATUS.refined);
    expect((await overlay.snapshot())?.refining).toBeNull();
  });
}
