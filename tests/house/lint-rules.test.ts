import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The house rules live in eslint.config.mjs. Each is proven here by planting one violation and
// checking the linter names it, and by checking the allowed form of the same import passes.

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

let planted = 0;
/** Writes the planted file where the rule applies (the cycle rule reads files from disk), lints it, removes it. */
async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const ext = path.extname(filePath);
  const file = path.join(root, `${filePath.slice(0, -ext.length)}-${process.pid}-${planted++}${ext}`);
  fs.writeFileSync(file, code);
  try {
    const [result] = await eslint.lintFiles([file]);
    return result.messages.map((m) => m.ruleId ?? m.message);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe('house import rules', { timeout: 180_000 }, () => {
  const restricted = '@typescript-eslint/no-restricted-imports';

  it('the domain imports no database, service or vendor', async () => {
    expect(await ruleIds(`import { getDb } from '@/lib/db';\nexport const x = getDb;\n`, 'lib/domain/planted.ts')).toContain(restricted);
    expect(
      await ruleIds(`import { writeAudit } from '@/lib/audit/write-audit';\nexport const x = writeAudit;\n`, 'lib/domain/planted.ts'),
    ).toContain(restricted);
    expect(await ruleIds(`import { eq } from 'drizzle-orm';\nexport const x = eq;\n`, 'lib/domain/planted.ts')).toContain(restricted);
    expect(await ruleIds(`import OpenAI from 'openai';\nexport const x = OpenAI;\n`, 'lib/domain/planted.ts')).toContain(restricted);
    expect(
      await ruleIds(`import { formatMoney } from '@/lib/domain/money';\nexport const x = formatMoney;\n`, 'lib/domain/planted.ts'),
    ).not.toContain(restricted);
  });

  it('components import no database, vendor client or config (types are fine)', async () => {
    expect(
      await ruleIds(`import { getConfig } from '@/lib/runtime/config';\nexport const x = getConfig;\n`, 'components/planted.tsx'),
    ).toContain(restricted);
    expect(await ruleIds(`import { getDb } from '@/lib/db';\nexport const x = getDb;\n`, 'components/planted.tsx')).toContain(restricted);
    expect(
      await ruleIds(
        `import { klaviyoClientFromConfig } from '@/lib/integrations/klaviyo/client';\nexport const x = klaviyoClientFromConfig;\n`,
        'components/planted.tsx',
      ),
    ).toContain(restricted);
    expect(
      await ruleIds(`import type { Config } from '@/lib/runtime/config';\nexport type X = Config;\n`, 'components/planted.tsx'),
    ).not.toContain(restricted);
  });

  it('only lib/http knows HTTP and Next', async () => {
    expect(await ruleIds(`import { cookies } from 'next/headers';\nexport const x = cookies;\n`, 'lib/drafts/planted.ts')).toContain(
      restricted,
    );
    expect(
      await ruleIds(`import { withRoute } from '@/lib/http/with-route';\nexport const x = withRoute;\n`, 'lib/actions/planted.ts'),
    ).toContain(restricted);
    expect(await ruleIds(`import { cookies } from 'next/headers';\nexport const x = cookies;\n`, 'lib/http/planted.ts')).not.toContain(
      restricted,
    );
  });

  it('storage knows no use case', async () => {
    expect(
      await ruleIds(
        `import { requestAction } from '@/lib/actions/request-action';\nexport const x = requestAction;\n`,
        'lib/db/planted.ts',
      ),
    ).toContain(restricted);
    expect(await ruleIds(`import { orders } from '@/lib/db/schema';\nexport const x = orders;\n`, 'lib/db/planted.ts')).not.toContain(
      restricted,
    );
  });

  it('vendor clients import no service or database', async () => {
    expect(
      await ruleIds(`import { writeAudit } from '@/lib/audit/write-audit';\nexport const x = writeAudit;\n`, 'lib/integrations/planted.ts'),
    ).toContain(restricted);
    expect(await ruleIds(`import { eq } from 'drizzle-orm';\nexport const x = eq;\n`, 'lib/integrations/planted.ts')).toContain(restricted);
  });

  describe('import circles', () => {
    const dir = path.join(root, 'lib', `planted-cycle-${process.pid}`);
    beforeAll(() => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'a.ts'), `import { b } from './b';\nexport const a = () => b();\n`);
      fs.writeFileSync(path.join(dir, 'b.ts'), `import { a } from './a';\nexport const b = () => a();\n`);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('fail the lint', async () => {
      const [result] = await eslint.lintFiles([path.join(dir, 'a.ts')]);
      expect(result.messages.map((m) => m.ruleId)).toContain('import/no-cycle');
    });
  });
});
