import { browser } from 'wxt/browser';
import { testConnection } from './providers/test-connection';
import { listStageModels } from './providers/stage-models';
import { loadFieldUi } from './field-ui-loader';
import { isWarmReason } from '../messaging/runtime-messages';
import { warmConnection } from './warm-connection';
import { findLocalServers, parseProbeRequest } from './local-servers';
import { insertIntoPage } from './insert-into-page';
import { historyRecorder } from './history';
import { isRequestId } from '../messaging/parse-client-message';
import { USER_ACTIONS, type UserAction, type Vote } from '../insights/history-entry';
import type { MessageHandlers } from './message-router';
import {
  clearResultCache,
  forgetKey,
  isStageName,
  keyStatus,
  rebindKey,
  saveKey,
} from './options-requests';

function isUserAction(value: unknown): value is UserAction {
  return USER_ACTIONS.includes(value as UserAction);
}

function isVote(value: unknown): value is Vote | null {
  return value === 'up' || value === 'down' || value === null;
}

const noFields = () => ({}) as Record<never, never>;

/** Longest text "Insert into page" takes: far above any prompt the pipeline returns. */
const MAX_INSERT_CHARS = 100_000;

/**
 * Every one-shot message the background answers, with who may send it. Content scripts run in
 * pages we don't control (and share the extension's id), so they may only ask for what concerns
 * their own frame; everything that reads settings or reaches another tab is for extension pages.
 */
export const messageHandlers: MessageHandlers = {
  'test-connection': {
    from: ['extension-page'],
    parse: ({ stage }) => (isStageName(stage) ? { stage } : null),
    handle: ({ stage }) => testConnection(stage),
  },
  'list-models': {
    // Only the settings page: the list is fetched with the user's key.
    from: ['extension-page'],
    parse: ({ stage }) => (isStageName(stage) ? { stage } : null),
    handle: ({ stage }) => listStageModels(stage),
  },
  'load-field-ui': {
    from: ['content-script'],
    parse: noFields,
    handle: (_request, sender) =>
      sender.role === 'content-script'
        ? loadFieldUi(sender.tabId, sender.frameId)
        : Promise.resolve(false),
  },
  'open-options': {
    from: ['extension-page', 'content-script'],
    parse: noFields,
    handle: async () => {
      await browser.runtime.openOptionsPage();
      return true;
    },
  },
  'insert-into-page': {
    from: ['extension-page'],
    parse: ({ text }) =>
      typeof text === 'string' && text.length <= MAX_INSERT_CHARS ? { text } : null,
    handle: ({ text }) => insertIntoPage(text),
  },
  'key-status': { from: ['extension-page'], parse: noFields, handle: () => keyStatus() },
  'save-key': {
    from: ['extension-page'],
    parse: ({ stage, key }) =>
      isStageName(stage) && typeof key === 'string' ? { stage, key } : null,
    handle: ({ stage, key }) => saveKey(stage, key),
  },
  'rebind-key': {
    from: ['extension-page'],
    parse: ({ stage, fromOrigin }) =>
      isStageName(stage) && typeof fromOrigin === 'string' ? { stage, fromOrigin } : null,
    handle: ({ stage, fromOrigin }) => rebindKey(stage, fromOrigin),
  },
  'forget-key': {
    from: ['extension-page'],
    parse: ({ stage }) => (isStageName(stage) ? { stage } : null),
    handle: ({ stage }) => forgetKey(stage),
  },
  'clear-cache': { from: ['extension-page'], parse: noFields, handle: () => clearResultCache() },
  'history-action': {
    // Only the client that started the request knows its random id.
    from: ['extension-page', 'content-script'],
    parse: ({ id, action, final }) =>
      isRequestId(id) && isUserAction(action) && typeof final === 'boolean'
        ? { id, action, final }
        : null,
    handle: ({ id, action, final }) => historyRecorder.action(id, action, final),
  },
  'history-feedback': {
    from: ['extension-page', 'content-script'],
    parse: ({ id, stage, vote }) =>
      isRequestId(id) && (stage === 'draft' || stage === 'refinement') && isVote(vote)
        ? { id, stage, vote }
        : null,
    handle: ({ id, stage, vote }) => historyRecorder.feedback(id, stage, vote),
  },
  'warm-connection': {
    // A page cannot send this: its content script does, on the user's own (trusted) input only.
    from: ['extension-page', 'content-script'],
    parse: ({ reason }) => (isWarmReason(reason) ? { reason } : null),
    handle: ({ reason }, sender) =>
      warmConnection(reason, sender.role === 'content-script' ? sender.origin : undefined),
  },
  'find-local-servers': {
    // Probes this computer's ports: not for pages, which could map a user's local services.
    from: ['extension-page'],
    parse: ({ extra }) => parseProbeRequest(extra),
    handle: ({ extra }) => findLocalServers(extra),
  },
};
