import {
  classifySender,
  type ExtensionIdentity,
  type KnownSender,
  type SenderLike,
  type SenderRole,
} from '../messaging/sender-role';
import type {
  RuntimeMessageType,
  RuntimeReplyOf,
  RuntimeRequestOf,
} from '../messaging/runtime-messages';

/** One entry of the table: who may send it, how its fields are checked, what answers it. */
export interface MessageHandler<K extends RuntimeMessageType> {
  from: readonly SenderRole[];
  /** The request's own fields, checked at runtime; null drops the message. */
  parse(raw: Record<string, unknown>): RuntimeRequestOf<K> | null;
  handle(request: RuntimeRequestOf<K>, sender: KnownSender): Promise<RuntimeReplyOf<K>>;
}

export type MessageHandlers = { [K in RuntimeMessageType]: MessageHandler<K> };

/**
 * Turns the handler table into a `runtime.onMessage` listener. Anything not in the table, from a
 * sender whose role the entry does not list, or with fields that do not parse, is dropped
 * unanswered (undefined), exactly as if nobody listened.
 */
export function createMessageRouter(handlers: MessageHandlers, self: ExtensionIdentity) {
  return (message: unknown, rawSender: SenderLike): Promise<unknown> | undefined => {
    if (typeof message !== 'object' || message === null) return undefined;
    const record = message as Record<string, unknown>;
    const type = record.type;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
    const sender = classifySender(rawSender, self);
    if (!sender) return undefined;
    const handler = handlers[type as RuntimeMessageType] as MessageHandler<RuntimeMessageType>;
    if (!handler.from.includes(sender.role)) return undefined;
    const request = handler.parse(record);
    if (request === null) return undefined;
    return handler.handle(request, sender);
  };
}
