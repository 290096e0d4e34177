import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthError, AuthErrorCode } from './auth.errors';
import { PASSWORD_MIN_LENGTH, assertStrongPassword, isCommonPassword } from './password-policy';

function refusal(password: string, email = 'truus@buurt.example'): AuthError | undefined {
  try {
    assertStrongPassword(password, email, 'newPassword');
    return undefined;
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
}

describe(assertStrongPassword.name, () => {
  it('refuses a password shorter than the minimum, naming the field', () => {
    const error = refusal('a'.repeat(PASSWORD_MIN_LENGTH - 1));
    expect(error).toMatchObject({ code: AuthErrorCode.WeakPassword, field: 'newPassword', status: 400 });
    expect(error?.message).toContain(`at least ${PASSWORD_MIN_LENGTH}`);
  });

  it('refuses a password that contains the name part of the e-mail address', () => {
    expect(refusal('Truus-in-de-buurt')?.message).toContain('e-mail');
  });

  it.each(['qwertyuiop', 'password123', 'Password123', 'BASKETBALL', 'wachtwoord'])('refuses the leaked password %s, whatever its case', (password) => {
    expect(refusal(password)).toMatchObject({ code: AuthErrorCode.WeakPassword, field: 'newPassword' });
    expect(refusal(password)?.message).toContain('leaked');
  });

  it('accepts a long passphrase that is on no list', () => {
    expect(refusal('IJsselkade-voorjaar-2026')).toBeUndefined();
    expect(isCommonPassword('IJsselkade-voorjaar-2026')).toBe(false);
  });

  it('ships the list as data: tens of thousands of entries, one per line, lower-case', () => {
    const lines = readFileSync(join(__dirname, 'password-lists', 'common-passwords.txt'), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(40_000);
    expect(lines.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
    expect(lines.every((line) => line === line.toLowerCase() && line.trim() === line)).toBe(true);
    expect(lines.every((line) => isCommonPassword(line))).toBe(true);
  });
});
