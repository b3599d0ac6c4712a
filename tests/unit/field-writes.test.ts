// The write machinery under a field session, over a stand-in adapter that keeps its text in a
// string: ordered jobs, the streamed draft's per-frame batching, undo folding and revert.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FieldAdapter, FieldRegion } from '../../lib/field-adapters/field-adapter';
import { StreamedDraft } from '../../lib/field-ui/streamed-draft';
import { WriteQueue } from '../../lib/field-ui/write-queue';
import { WrittenRegion } from '../../lib/field-ui/written-region';

describe('the write queue', () => {
  it('runs jobs in the order they were queued, even when an earlier one waits', async () => {
    const queue = new WriteQueue();
    const order: string[] = [];
    const slow = queue.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('draft');
    }, undefined);
    const fast = queue.run(() => order.push('refined'), 0);
    await Promise.all([slow, fast]);
    expect(order).toEqual(['draft', 'refined']);
  });

  it('a job that throws gives its fallback and does not stop the next', async () => {
    const queue = new WriteQueue();
    const failed = queue.run((): string => {
      throw new Error('editor threw');
    }, 'fallback');
    const next = queue.run(() => 'written', 'fallback');
    expect(await failed).toBe('fallback');
    expect(await next).toBe('written');
  });
});

/** A field as a string, with one undo step per write, and a log of the verbs used. */
function fakeField(initial: string) {
  const state = { text: initial, focused: true, connected: true, history: [] as string[] };
  const log: string[] = [];
  const region = (text: string): FieldRegion => ({ text, whole: true, start: 0, strippedStart: 0 });
  const adapter: FieldAdapter = {
    kind: 'value',
    element: {
      get isConnected() {
        return state.connected;
      },
      // Where the user's keys would be heard; none are pressed here unless a test says so.
      ownerDocument: new EventTarget(),
    } as unknown as HTMLElement,
    holdsWholeText: true,
    read: () => state.text,
    initialRegion: () => region(state.text),
    intact: (expected) => state.connected && state.text === expected,
    locate: () => region(state.text),
    replace(_region, text) {
      log.push(`replace:${text}`);
      state.history.push(state.text);
      state.text = text;
      return Promise.resolve({ ok: true, region: region(text), wholeText: text });
    },
    undoGroupMs: 0,
    stream: {
      groupsUndo: false,
      append(_region, text) {
        log.push(`append:${text}`);
        state.history.push(state.text);
        state.text += text;
        return { ok: true, region: region(state.text), wholeText: state.text };
      },
      undo(steps, isBack) {
        if (!state.focused) return Promise.resolve(false);
        log.push(`undo:${steps}`);
        for (let i = 0; i < steps && !isBack(); i += 1) {
          state.text = state.history.pop() ?? state.text;
        }
        return Promise.resolve(true);
      },
    },
  };
  return { state, log, adapter };
}

describe('the streamed draft', () => {
  let field: ReturnType<typeof fakeField>;
  let written: WrittenRegion;
  let queue: WriteQueue;
  let mayWrite: boolean;
  let draft: StreamedDraft;
  /** Lets every queued job (and the frame timer) run. */
  const settle = async () => {
    await vi.advanceTimersByTimeAsync(50);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    field = fakeField('my text');
    written = new WrittenRegion(field.adapter, field.adapter.initialRegion());
    queue = new WriteQueue();
    mayWrite = true;
    draft = new StreamedDraft(written, field.adapter.stream!, queue, () => mayWrite);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('replaces the region with the first delta, then appends later ones batched per frame', async () => {
    for (const delta of ['Wr', 'ite', ' a', ' haiku']) draft.push(delta);
    await settle();
    draft.push('.');
    await settle();
    expect(field.log).toEqual(['replace:Wr', 'append:ite a haiku', 'append:.']);
    expect(field.state.text).toBe('Write a haiku.');
    expect(written.intact()).toBe(true);
  });

  it('flush queues the batch at once, ahead of writes queued after it', async () => {
    draft.push('Wr');
    draft.push('ite');
    draft.flush();
    void queue.run(() => field.log.push('next job'), 0);
    await settle();
    expect(field.log).toEqual(['replace:Wr', 'append:ite', 'next job']);
  });

  it('folds the streamed steps back with undo, so the whole draft is one step', async () => {
    for (const delta of ['a', 'b', 'c']) {
      draft.push(delta);
      await settle();
    }
    const folded = await queue.run(() => draft.fold(), false);
    expect(folded).toBe(true);
    expect(field.log.at(-1)).toBe('undo:3');
    expect(field.state.text).toBe('my text');
    expect(written.wroteOutput).toBe(false);
    expect(draft.started).toBe(false);
  });

  it('a field without focus is not undone: the fold says so and leaves the text', async () => {
    draft.push('abc');
    await settle();
    field.state.focused = false;
    expect(await draft.fold()).toBe(false);
    expect(field.state.text).toBe('abc');
  });

  it('revert puts the original back by writing when undo cannot reach it', async () => {
    draft.push('half a dra');
    await settle();
    field.state.focused = false;
    expect(await queue.run(() => draft.revert('my text'), false)).toBe(true);
    expect(field.state.text).toBe('my text');
    expect(field.log.at(-1)).toBe('replace:my text');
    expect(written.wroteOutput).toBe(false);
  });

  it('revert leaves a field the user edited since alone', async () => {
    draft.push('half');
    await settle();
    field.state.focused = false;
    field.state.text = 'half, and the user typed';
    await queue.run(() => draft.revert('my text'), false);
    expect(field.state.text).toBe('half, and the user typed');
  });

  it('a field that may not be written at the first delta gets no stream, not even later', async () => {
    mayWrite = false;
    draft.push('Wr');
    mayWrite = true;
    draft.push('ite');
    await settle();
    expect(field.log).toEqual([]);
    expect(draft.started).toBe(false);
  });

  it('a later batch is skipped while the field may not be written', async () => {
    draft.push('Wr');
    await settle();
    mayWrite = false;
    draft.push('ite');
    await settle();
    expect(field.log).toEqual(['replace:Wr']);
  });

  it('a chunk that does not land because the user typed leaves their text: no fold, nothing written over it', async () => {
    let typed = false;
    draft = new StreamedDraft(
      written,
      field.adapter.stream!,
      queue,
      () => mayWrite,
      // The user's input count in the field: one key once they type.
      () => (typed ? 1 : 0),
    );
    const append = field.adapter.stream!.append.bind(field.adapter.stream);
    field.adapter.stream!.append = async (region, text) => {
      const result = await append(region, text);
      // The user's keys landed as this chunk went in: it is not where we put it.
      if (typed) {
        field.state.text += ' mine';
        return { ...result, ok: false, wholeText: field.state.text };
      }
      return result;
    };
    draft.push('w0');
    await settle();
    typed = true;
    draft.push(' w1');
    await settle();
    draft.push(' w2');
    await settle();
    expect(field.state.text).toBe('w0 w1 mine');
    expect(written.intact()).toBe(false);
    expect(await queue.run(() => draft.fold(), false)).toBe(false);
    expect(field.log).toEqual(['replace:w0', 'append: w1']);
    expect(field.state.text).toBe('w0 w1 mine');
  });

  it('a chunk the editor changed with no key from the user is folded, so the draft goes in whole', async () => {
    const append = field.adapter.stream!.append.bind(field.adapter.stream);
    field.adapter.stream!.append = async (region, text) => ({
      ...(await append(region, text)),
      ok: false,
    });
    draft.push('w0');
    await settle();
    draft.push(' w1');
    await settle();
    expect(draft.broken).toBe(true);
    expect(await queue.run(() => draft.fold(), false)).toBe(true);
    expect(field.state.text).toBe('my text');
  });

  it('reset drops a batch still waiting from the last run', async () => {
    draft.push('old');
    draft.push(' run');
    draft.reset();
    await settle();
    expect(field.log).toEqual(['replace:old']);
    expect(draft.started).toBe(false);
  });
});
