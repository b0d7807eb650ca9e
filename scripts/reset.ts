/** `npm run reset`: wipe the local CloudBase store (the next `npm start` seeds a fresh session). */
import { rmSync } from 'node:fs';
import { DATA_DIR } from './paths';

rmSync(DATA_DIR, { recursive: true, force: true });
console.log(`wiped ${DATA_DIR}`);
