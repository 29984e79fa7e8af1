/**
 * Where the refresh token lives between runs: a file in the data folder, its content sealed by a
 * codec. The desktop app seals with Electron's safeStorage (the OS keychain's key); dev:web, which
 * has no keychain, stores it plainly in a file only the user can read.
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';

export interface TokenVault {
  read(): string | null;
  write(token: string | null): void;
}

export interface TokenCodec {
  seal(token: string): Buffer;
  open(sealed: Buffer): string;
}

export const plainCodec: TokenCodec = {
  seal: (token) => Buffer.from(token, 'utf8'),
  open: (sealed) => sealed.toString('utf8'),
};

export function fileTokenVault(path: string, codec: TokenCodec): TokenVault {
  return {
    read() {
      if (!existsSync(path)) return null;
      try {
        const token = codec.open(readFileSync(path));
        return token === '' ? null : token;
      } catch {
        // A file sealed by another OS account or keychain cannot be opened: sign in again.
        return null;
      }
    },
    write(token) {
      if (token === null) {
        rmSync(path, { force: true });
        return;
      }
      const part = `${path}.part`;
      writeFileSync(part, codec.seal(token), { mode: 0o600 });
      chmodSync(part, 0o600);
      renameSync(part, path);
    },
  };
}

export function memoryTokenVault(initial: string | null = null): TokenVault {
  let token = initial;
  return {
    read: () => token,
    write(next) {
      token = next;
    },
  };
}
