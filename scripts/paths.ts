/** Where local things live (one definition for start, reset, reconcile and the benches). */
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..');
export const DATA_DIR = process.env.SHANXING_DATA_DIR ?? join(REPO, '.data', 'db');
export const H5_DIR = join(REPO, 'dist', 'h5');
export const FUNCTIONS_DIR = join(REPO, 'dist', 'cloudfunctions');
export const DEFAULT_PORT = 10086;
/** The app's index declaration: created in the CloudBase console (docs/deploy.md), kept in memory by the emulator. */
export const INDEXES_FILE = join(REPO, 'cloudfunctions', 'indexes.json');
