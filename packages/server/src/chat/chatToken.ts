import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The resident's key to one chat: 32 random bytes, given once when the chat opens and kept
 * only as its SHA-256 hash, so a database reader cannot join someone's chat. It is the only
 * key an anonymous resident has, and it opens nothing but that chat's socket.
 */
export function newChatToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOf(token) };
}

export function isChatToken(token: string, hash: string): boolean {
  const given = Buffer.from(hashOf(token), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A chat's id as it appears in paths (a UUID). */
export const CHAT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
