import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthError, AuthErrorCode } from './auth.errors';

export const PASSWORD_MIN_LENGTH = 10;

/** The passwords leaked most often (password-lists/SOURCE.md says where the list comes from), lower-cased. */
let commonPasswords: ReadonlySet<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(readFileSync(join(__dirname, 'password-lists', 'common-passwords.txt'), 'utf8').split('\n').filter(Boolean));
  return commonPasswords.has(password.toLowerCase());
}

/** Every place that sets a password (account creation, activation, change) applies this one policy. */
export function assertStrongPassword(password: string, email: string, field: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new AuthError(AuthErrorCode.WeakPassword, `The password must be at least ${PASSWORD_MIN_LENGTH} characters long`, field);
  }
  if (password.toLowerCase().includes(email.split('@')[0].toLowerCase())) {
    throw new AuthError(AuthErrorCode.WeakPassword, 'The password must not contain your e-mail address', field);
  }
  // A length rule alone lets 'qwertyuiop' and 'password123' through: attackers try those first.
  if (isCommonPassword(password)) {
    throw new AuthError(AuthErrorCode.WeakPassword, 'This password appears in lists of leaked passwords; choose another', field);
  }
}
