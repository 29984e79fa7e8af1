/**
 * Where the refresh token lives between runs: a file in the data folder, its content sealed by a
 * codec. The desktop app seals with Electron's safeStorage (the OS keychain's key); dev:web, which
 * has no keychain, stores it plainly in a file only the user can read.
 */
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';

export interface TokenVault {
  read(): Promise<string | null>;
  write(token: string | null): Promise<void>;
}

export interface TokenCodec {
  seal(token: string): Promise<Buffer>;
  open(sealed: Buffer): Promise<string>;
}

export const plainCodec: TokenCodec = {
  seal: (token) => Promise.resolve(Buffer.from(token, 'utf8')),
  open: (sealed) => Promise.resolve(sealed.toString('utf8')),
};

const isMissing = (error: unknown): boolean => error instanceof Error && 'code' in error && error.code === 'ENOENT';

export function fileTokenVault(path: string, codec: TokenCodec): TokenVault {
  return {
    async read() {
      let sealed: Buffer;
      try {
        sealed = await readFile(path);
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      try {
        const token = await codec.open(sealed);
        return token === '' ? null : token;
      } catch {
        // Sealed by another OS account or keychain: it cannot be opened here, so sign in again.
        return null;
      }
    },
    async write(token) {
      if (token === null) {
        await rm(path, { force: true });
        return;
      }
      const part = `${path}.part`;
      await writeFile(part, await codec.seal(token), { mode: 0o600 });
      await chmod(part, 0o600);
      await rename(part, path);
    },
  };
}

export function memoryTokenVault(initial: string | null = null): TokenVault {
  let token = initial;
  return {
    read: () => Promise.resolve(token),
    write(next) {
      token = next;
      return Promise.resolve();
    },
  };
}
