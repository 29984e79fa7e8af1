/**
 * A stand-in for the Electron binary electron-builder copies into the package (the real one cannot
 * be downloaded here): a shell script that exits, followed by a fuse wire laid out as in Electron's
 * own binary, so that electron-builder's fuse flipping runs against it and a test can read the
 * result back with @electron/fuses.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SENTINEL } from '@electron/fuses/dist/constants';

/** Electron's fuse defaults, in wire order: RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, only-asar, browser V8 snapshot, file:// privileges. */
const ELECTRON_DEFAULT_WIRE = '10110001';
const FUSE_WIRE_VERSION = 1;

export function writeStandInElectron(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\nexit 0\n'),
    Buffer.from(SENTINEL, 'ascii'),
    Buffer.from([FUSE_WIRE_VERSION, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE, 'ascii'),
  ]);
  writeFileSync(join(folder, 'electron'), binary);
  chmodSync(join(folder, 'electron'), 0o755);
}
