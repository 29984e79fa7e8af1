/** A report file appears whole or not at all: written to `<path>.part`, renamed when complete, deleted on any failure. */
import { readdirSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';

/**
 * How much a writer may have queued for the disk before it waits. The default 16 KiB is one
 * customer's rows, so the export would wait for the disk after every customer.
 */
export const WRITE_BUFFER_BYTES = 1024 * 1024;

export async function writeViaPartFile(path: string, write: (partPath: string) => Promise<void>): Promise<void> {
  const part = `${path}.part`;
  try {
    await write(part);
    await rename(part, path);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

/**
 * Resolves once everything written to `stream` is flushed and the file is closed. The failure is
 * marked handled at once: the writer may only await it at the end, and an unhandled rejection meanwhile would end the process.
 */
export function finished(stream: Writable): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    stream.once('close', () => {
      resolve();
    });
    stream.once('error', reject);
  });
  done.catch(() => undefined);
  return done;
}

/** Waits for the stream to drain when its buffer is full (backpressure). */
export async function drained(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/** Part files left by a process that ended mid-export; only called before any export of this process has started. */
export function removeStalePartFiles(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) if (name.endsWith('.part')) rmSync(join(folder, name), { force: true, recursive: true });
}
