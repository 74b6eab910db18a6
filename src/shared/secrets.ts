import * as crypto from 'node:crypto';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A secret encrypted at rest with AES-256-GCM under the configured key. */
export interface SealedSecret {
  iv: string;
  tag: string;
  ciphertext: string;
}

export interface SecretBox {
  seal(plain: string): SealedSecret;
  open(sealed: SealedSecret): string;
  /** A 32-byte key for one purpose (HKDF-SHA256 of the configured key), so no two uses share a key. */
  derive(purpose: string): Buffer;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('SECRETS_KEY must decode to 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      };
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    },
    derive(purpose) {
      return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `pishkhan/${purpose}`, 32));
    },
  };
}

export function decodeKey(text: string): Buffer {
  return /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
}

/** The configured key, or one generated once under DATA_DIR (mode 0600) for the embedded quick start. */
export function loadOrCreateKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return decodeKey(configured);
  const file = join(dataDir, 'secrets.key');
  if (existsSync(file)) return decodeKey(readFileSync(file, 'utf8').trim());
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}

/** Random bearer token: 256 bits, prefixed so leaked tokens are recognisable by scanners. */
export function newToken(): string {
  return `pk_${randomBytes(32).toString('base64url')}`;
}

type OneShotHash = (algorithm: string, data: string, encoding: 'hex' | 'buffer') => string | Buffer;
/** `crypto.hash` (Node ≥ 20.12), a one-shot digest without a stream object; older Nodes build one. */
const oneShot = (crypto as { hash?: OneShotHash }).hash;

/** SHA-256 of a UTF-8 string, as hex. */
export function sha256Hex(data: string): string {
  return oneShot
    ? (oneShot('sha256', data, 'hex') as string)
    : createHash('sha256').update(data, 'utf8').digest('hex');
}

/** SHA-256 of a UTF-8 string, as bytes. */
export function sha256Bytes(data: string): Buffer {
  return oneShot
    ? (oneShot('sha256', data, 'buffer') as Buffer)
    : createHash('sha256').update(data, 'utf8').digest();
}

/** Tokens are stored only as this digest; they carry 256 bits, so a plain SHA-256 cannot be brute-forced. */
export function tokenDigest(token: string): string {
  return sha256Hex(token);
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
