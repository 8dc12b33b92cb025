// What a new password must be, wherever one is set (changing your own, or from a reset link): long
// enough, not one of the most common passwords, and not built on the username. NCSC guidance: length
// and a deny list rather than composition rules or expiry.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | undefined;

/** The deny list shipped in common-passwords.txt (its source and licence are at its top). */
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt'), 'utf8');
    common = new Set(
      text
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => line.trim().toLowerCase()),
    );
  }
  return common;
}

export const isCommonPassword = (password: string): boolean => commonPasswords().has(password.trim().toLowerCase());

/** What is wrong with a new password, in the words the form shows, or null when it will do. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  if (isCommonPassword(password)) return 'This is one of the most common passwords: choose one that is harder to guess, such as three random words';
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return 'Password must not contain your username';
  return null;
}

/** The new password and its confirmation, as both password forms post them. */
export const NewPasswordFields = {
  newPassword: z.string().min(1, 'Enter a new password').max(MAX_PASSWORD_LENGTH, `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`),
  confirmPassword: z.string().min(1, 'Enter the new password again'),
};

export const passwordsMatch = (form: { newPassword: string; confirmPassword: string }) => form.newPassword === form.confirmPassword;
export const MISMATCH = { path: ['confirmPassword'], message: 'The passwords do not match: enter the same new password twice' };
