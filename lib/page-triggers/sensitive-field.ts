// Which fields hold secrets that must never reach a provider. A pure decision over a plain
// descriptor (unit-tested as a table), and a thin reader that builds the descriptor from the DOM.
// This ships in the always-on trigger script, so it stays small.

export type SensitiveKind = 'password' | 'payment' | 'one-time-code';

/** What gave the field away: kept for tests and debugging, the words come from the kind. */
export type SensitiveClue = 'type' | 'autocomplete' | 'text-security' | 'name' | 'id' | 'label';

export interface SensitiveVerdict {
  kind: SensitiveKind;
  clue: SensitiveClue;
}

export interface FieldDescriptor {
  /** Lower-case tag name: 'input', 'textarea', or a contenteditable root's tag. */
  tag: string;
  /** The input's type, for inputs only. */
  type?: string;
  /** The raw `autocomplete` attribute (its tokens, space separated). */
  autocomplete?: string;
  name?: string;
  id?: string;
  /** Computed `-webkit-text-security`: 'none' unless the page masks the text. */
  textSecurity?: string;
  ariaLabel?: string;
}

// With the same field in other languages' forms (passwort, contraseña, mot de passe…).
const PASSWORD_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passcode',
  'passphrase',
  'pin',
  'passwort',
  'kennwort',
  'contrasena',
  'contraseña',
  'motdepasse',
  'senha',
  'wachtwoord',
]);
// Compounds written as one token (`newPassword` splits, `newpassword` does not).
const PASSWORD_COMPOUND =
  /^(new|old|current|confirm|repeat|retype|verify|user|login|account|admin|my|re)?(password|passwd|pwd|passcode|pass)(confirm|confirmation|again|repeat|verify|check)?$/;

const PAYMENT_WORDS = new Set([
  'cardnumber',
  'cardnum',
  'cardno',
  'ccnumber',
  'ccnum',
  'ccno',
  'ccexp',
  'cccsc',
  'cccvc',
  'cccvv',
  'creditcard',
  'debitcard',
  'cvc',
  'cvv',
  'csc',
  'cvn',
  'securitycode',
  'cardverificationcode',
  'cardexpiry',
]);

const ONE_TIME_CODE_WORDS = new Set([
  'otp',
  'totp',
  'hotp',
  'mfa',
  '2fa',
  'tfa',
  'twofa',
  'onetimecode',
  'onetimepassword',
  'onetimepin',
  'otpcode',
  'mfacode',
  '2facode',
  'verificationcode',
  'verifycode',
  'smscode',
  'authcode',
  'authenticationcode',
  'totpcode',
]);

/**
 * Whole words of a name or id: split on anything not a letter or digit and at camelCase humps
 * (`otpCode`, `OTPCode`), lower-cased, trailing digits dropped (`password2`, `cvv2`). Matching
 * whole words keeps `shipping`, `spinner`, `opinion`, `pinned` and `topic` ordinary.
 */
export function nameTokens(text: string): string[] {
  return text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map((token) => (/^\d+$/.test(token) ? token : token.replace(/\d+$/, '')))
    .filter(Boolean);
}

function kindOfWord(word: string): SensitiveKind | null {
  if (ONE_TIME_CODE_WORDS.has(word)) return 'one-time-code';
  if (PAYMENT_WORDS.has(word)) return 'payment';
  if (PASSWORD_WORDS.has(word) || PASSWORD_COMPOUND.test(word)) return 'password';
  return null;
}

/** Checks each word and each run of two or three (`one-time-code`, `card-number`, `cc-num`). */
function kindOfName(text: string | undefined): SensitiveKind | null {
  const tokens = nameTokens(text ?? '');
  // A one-time-code phrase wins over the password word inside it (`one-time-password`).
  let found: SensitiveKind | null = null;
  for (let i = 0; i < tokens.length; i++) {
    let run = '';
    for (let j = i; j < Math.min(i + 3, tokens.length); j++) {
      run += tokens[j];
      const kind = kindOfWord(run);
      if (kind === 'one-time-code') return kind;
      found ??= kind;
    }
  }
  return found;
}

/** A label is a name only when it is short ("Password", "Enter your PIN"), never a sentence. */
const MAX_LABEL_WORDS = 3;

/** Whether this field must be refused, and what showed it; null for an ordinary field. */
export function sensitiveField(field: FieldDescriptor): SensitiveVerdict | null {
  if (field.tag === 'input' && field.type?.toLowerCase() === 'password') {
    return { kind: 'password', clue: 'type' };
  }
  for (const token of (field.autocomplete ?? '').toLowerCase().split(/\s+/)) {
    // A "show password" toggle turns the input to type=text and leaves this token in place.
    if (token === 'current-password' || token === 'new-password') {
      return { kind: 'password', clue: 'autocomplete' };
    }
    if (token.startsWith('cc-')) return { kind: 'payment', clue: 'autocomplete' };
    if (token === 'one-time-code') return { kind: 'one-time-code', clue: 'autocomplete' };
  }
  const security = field.textSecurity?.trim().toLowerCase();
  if (security && security !== 'none') return { kind: 'password', clue: 'text-security' };
  const byName = kindOfName(field.name);
  if (byName) return { kind: byName, clue: 'name' };
  const byId = kindOfName(field.id);
  if (byId) return { kind: byId, clue: 'id' };
  const label = field.ariaLabel ?? '';
  if (nameTokens(label).length <= MAX_LABEL_WORDS) {
    const byLabel = kindOfName(label);
    if (byLabel) return { kind: byLabel, clue: 'label' };
  }
  return null;
}

/** The descriptor of a live element (input, textarea or contenteditable root). */
export function describeField(el: HTMLElement): FieldDescriptor {
  const view = el.ownerDocument.defaultView;
  const style = view?.getComputedStyle(el);
  return {
    tag: el.localName,
    // By tag, not instanceof: the element may come from another frame's realm.
    ...(el.localName === 'input' ? { type: (el as HTMLInputElement).type } : {}),
    autocomplete: el.getAttribute('autocomplete') ?? '',
    name: el.getAttribute('name') ?? '',
    id: el.id,
    textSecurity: style?.getPropertyValue('-webkit-text-security') || 'none',
    ariaLabel: el.getAttribute('aria-label') ?? '',
  };
}
