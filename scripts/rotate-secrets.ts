// npm run -s rotate-secrets: re-seal every stored connection secret under CONCORD_ENCRYPTION_KEY
// (after moving the old key to CONCORD_ENCRYPTION_PREVIOUS_KEYS). Stop the server first when the
// database is the embedded PGlite (one process owns it).
import { getConfig } from '../lib/runtime/config';
import { getDbHandle } from '../lib/db';
import { rotateEncryptionKey } from '../lib/connections/rotate-encryption-key';

const handle = await getDbHandle();
const r = await rotateEncryptionKey(handle.db, getConfig());
console.log(
  `re-sealed ${r.resealed} secrets under the current key; ${r.alreadyCurrent} already were. When this says 0 re-sealed, remove the old key from CONCORD_ENCRYPTION_PREVIOUS_KEYS.`,
);
await handle.close();
