// npm run reset: wipe the embedded database and demo secrets. The next `npm start` seeds afresh.
import fs from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.CONCORD_DATA_DIR ?? '.data');
const lock = path.join(dataDir, 'pglite.lock');
if (fs.existsSync(lock)) {
  const pid = Number(fs.readFileSync(lock, 'utf8'));
  try {
    process.kill(pid, 0);
    console.error(`Concord (process ${pid}) is still running on ${dataDir}. Stop it first, then run npm run reset again.`);
    process.exit(1);
  } catch {
    /* stale lock */
  }
}
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}. The next npm start seeds fresh demo data.`);
if (process.env.DATABASE_URL || process.env.POSTGRES_URL) {
  console.log('Note: DATABASE_URL/POSTGRES_URL is set; that database was not touched.');
}
