import { describe, expect, it } from 'vitest';
import {
  nameTokens,
  sensitiveField,
  type FieldDescriptor,
  type SensitiveVerdict,
} from '../../lib/page-triggers/sensitive-field';

const input = (more: Partial<FieldDescriptor> = {}): FieldDescriptor => ({
  tag: 'input',
  type: 'text',
  ...more,
});
const textarea = (more: Partial<FieldDescriptor> = {}): FieldDescriptor => ({
  tag: 'textarea',
  ...more,
});
const editable = (more: Partial<FieldDescriptor> = {}): FieldDescriptor => ({
  tag: 'div',
  ...more,
});

type Row = [title: string, field: FieldDescriptor, verdict: SensitiveVerdict | null];

const refused: Row[] = [
  // Passwords, in every disguise a login form uses.
  ['type=password', input({ type: 'password' }), { kind: 'password', clue: 'type' }],
  ['type=PASSWORD', input({ type: 'PASSWORD' }), { kind: 'password', clue: 'type' }],
  [
    'revealed password (show-password toggle)',
    input({ autocomplete: 'current-password' }),
    { kind: 'password', clue: 'autocomplete' },
  ],
  [
    'revealed new password, with a section token',
    input({ autocomplete: 'section-signup New-Password' }),
    { kind: 'password', clue: 'autocomplete' },
  ],
  [
    'textarea with current-password',
    textarea({ autocomplete: 'current-password' }),
    { kind: 'password', clue: 'autocomplete' },
  ],
  [
    '-webkit-text-security: disc',
    input({ textSecurity: 'disc' }),
    { kind: 'password', clue: 'text-security' },
  ],
  [
    '-webkit-text-security: square on a textarea',
    textarea({ textSecurity: 'square' }),
    { kind: 'password', clue: 'text-security' },
  ],
  [
    '-webkit-text-security on a contenteditable',
    editable({ textSecurity: 'circle' }),
    { kind: 'password', clue: 'text-security' },
  ],
  ['name=password', input({ name: 'password' }), { kind: 'password', clue: 'name' }],
  ['name=passwd', input({ name: 'passwd' }), { kind: 'password', clue: 'name' }],
  ['name=pwd (WordPress)', input({ name: 'pwd' }), { kind: 'password', clue: 'name' }],
  ['name=pass (Drupal)', input({ name: 'pass' }), { kind: 'password', clue: 'name' }],
  ['id=user_pass', input({ id: 'user_pass' }), { kind: 'password', clue: 'id' }],
  ['name=passcode', input({ name: 'passcode' }), { kind: 'password', clue: 'name' }],
  ['name=pin', input({ name: 'pin' }), { kind: 'password', clue: 'name' }],
  ['name=PIN2', input({ name: 'PIN2' }), { kind: 'password', clue: 'name' }],
  ['id=userPIN', input({ id: 'userPIN' }), { kind: 'password', clue: 'id' }],
  ['id=pinCode', input({ id: 'pinCode' }), { kind: 'password', clue: 'id' }],
  ['name=newPassword', input({ name: 'newPassword' }), { kind: 'password', clue: 'name' }],
  ['name=newpassword', input({ name: 'newpassword' }), { kind: 'password', clue: 'name' }],
  [
    'name=password_confirmation',
    input({ name: 'password_confirmation' }),
    { kind: 'password', clue: 'name' },
  ],
  ['name=user[password]', input({ name: 'user[password]' }), { kind: 'password', clue: 'name' }],
  ['name=Passwort', input({ name: 'Passwort' }), { kind: 'password', clue: 'name' }],
  ['name=contraseña', input({ name: 'contraseña' }), { kind: 'password', clue: 'name' }],
  [
    'textarea named passphrase',
    textarea({ name: 'recovery-passphrase' }),
    { kind: 'password', clue: 'name' },
  ],
  ['aria-label "Password"', input({ ariaLabel: 'Password' }), { kind: 'password', clue: 'label' }],
  [
    'aria-label "Enter your PIN"',
    input({ ariaLabel: 'Enter your PIN' }),
    { kind: 'password', clue: 'label' },
  ],
  // Payment cards.
  [
    'autocomplete cc-number',
    input({ autocomplete: 'cc-number' }),
    { kind: 'payment', clue: 'autocomplete' },
  ],
  [
    'autocomplete billing cc-csc',
    input({ autocomplete: 'billing cc-csc' }),
    { kind: 'payment', clue: 'autocomplete' },
  ],
  [
    'autocomplete cc-exp on a textarea',
    textarea({ autocomplete: 'cc-exp' }),
    { kind: 'payment', clue: 'autocomplete' },
  ],
  ['name=cardnumber', input({ name: 'cardnumber' }), { kind: 'payment', clue: 'name' }],
  ['name=card-number', input({ name: 'card-number' }), { kind: 'payment', clue: 'name' }],
  ['name=cardNumber', input({ name: 'cardNumber' }), { kind: 'payment', clue: 'name' }],
  ['name=ccnumber', input({ name: 'ccnumber' }), { kind: 'payment', clue: 'name' }],
  ['name=cc_num', input({ name: 'cc_num' }), { kind: 'payment', clue: 'name' }],
  [
    'name=credit-card-number',
    input({ name: 'credit-card-number' }),
    { kind: 'payment', clue: 'name' },
  ],
  ['name=cvc', input({ name: 'cvc' }), { kind: 'payment', clue: 'name' }],
  ['id=cvv2', input({ id: 'cvv2' }), { kind: 'payment', clue: 'id' }],
  ['name=csc', input({ name: 'csc' }), { kind: 'payment', clue: 'name' }],
  ['id=security-code', input({ id: 'security-code' }), { kind: 'payment', clue: 'id' }],
  // One-time codes.
  [
    'autocomplete one-time-code',
    input({ autocomplete: 'one-time-code' }),
    { kind: 'one-time-code', clue: 'autocomplete' },
  ],
  ['name=otp', input({ name: 'otp' }), { kind: 'one-time-code', clue: 'name' }],
  ['id=otp-code', input({ id: 'otp-code' }), { kind: 'one-time-code', clue: 'id' }],
  ['id=OTPCode', input({ id: 'OTPCode' }), { kind: 'one-time-code', clue: 'id' }],
  ['name=totp', input({ name: 'totp' }), { kind: 'one-time-code', clue: 'name' }],
  ['name=2fa-code', input({ name: '2fa-code' }), { kind: 'one-time-code', clue: 'name' }],
  ['name=mfa_token', input({ name: 'mfa_token' }), { kind: 'one-time-code', clue: 'name' }],
  [
    'name=verification-code',
    input({ name: 'verification-code' }),
    { kind: 'one-time-code', clue: 'name' },
  ],
  [
    'name=verificationCode',
    input({ name: 'verificationCode' }),
    { kind: 'one-time-code', clue: 'name' },
  ],
  [
    'name=one-time-password (a code, not a password)',
    input({ name: 'one-time-password' }),
    { kind: 'one-time-code', clue: 'name' },
  ],
  [
    'name=password-otp: the code phrase wins wherever it is',
    input({ name: 'password-otp' }),
    { kind: 'one-time-code', clue: 'name' },
  ],
  // The strongest clue speaks first.
  [
    'type=password beats a one-time-code name',
    input({ type: 'password', name: 'otp' }),
    { kind: 'password', clue: 'type' },
  ],
  [
    'autocomplete beats the name',
    input({ autocomplete: 'cc-number', name: 'pin' }),
    { kind: 'payment', clue: 'autocomplete' },
  ],
];

const ordinary: Row[] = [
  ['a plain textarea', textarea(), null],
  ['a plain input', input(), null],
  ['name=shipping', input({ name: 'shipping' }), null],
  [
    'autocomplete "shipping street-address"',
    input({ autocomplete: 'shipping street-address' }),
    null,
  ],
  ['name=spinner', input({ name: 'spinner' }), null],
  ['name=opinion', textarea({ name: 'opinion' }), null],
  ['name=pinned', input({ name: 'pinned' }), null],
  ['name=topic', input({ name: 'topic' }), null],
  ['id=pinterest-caption', textarea({ id: 'pinterest-caption' }), null],
  ['name=passenger', input({ name: 'passenger' }), null],
  ['name=passport-notes', textarea({ name: 'passport-notes' }), null],
  ['name=compass', input({ name: 'compass' }), null],
  ['name=bypass', input({ name: 'bypass' }), null],
  ['name=cvcomment', input({ name: 'cvcomment' }), null],
  ['name=scotpress', input({ name: 'scotpress' }), null],
  ['name=username', input({ name: 'username', autocomplete: 'username' }), null],
  ['autocomplete=off', input({ autocomplete: 'off' }), null],
  ['id=prompt-textarea', textarea({ id: 'prompt-textarea' }), null],
  ['text-security none', input({ textSecurity: 'none' }), null],
  ['type=search', input({ type: 'search', name: 'q' }), null],
  [
    'a sentence label that mentions passwords is not a password label',
    textarea({ ariaLabel: 'Ask anything, e.g. how to reset my password' }),
    null,
  ],
  ['aria-label "Message ChatGPT"', editable({ ariaLabel: 'Message ChatGPT' }), null],
];

describe('sensitive fields', () => {
  it.each(refused)('refuses %s', (_title, field, verdict) => {
    expect(sensitiveField(field)).toEqual(verdict);
  });

  it.each(ordinary)('leaves alone %s', (_title, field, verdict) => {
    expect(sensitiveField(field)).toEqual(verdict);
  });
});

describe('name tokens', () => {
  it.each([
    ['user_password', ['user', 'password']],
    ['newPassword', ['new', 'password']],
    ['OTPCode', ['otp', 'code']],
    ['card-number', ['card', 'number']],
    ['cvv2', ['cvv']],
    ['2fa-code', ['2fa', 'code']],
    ['shipping', ['shipping']],
    ['user[pin]', ['user', 'pin']],
    ['', []],
  ])('%s -> %j', (text, tokens) => {
    expect(nameTokens(text)).toEqual(tokens);
  });
});
