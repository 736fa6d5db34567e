import fs from 'node:fs';
import { classifyIntent } from '../lib/domain/intent/classify';
const raw = ['intents.jsonl','intents-new-dev.jsonl'].flatMap(f=>fs.readFileSync('tests/fixtures/'+f,'utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l).text as string));
for (let i = 0; i < 40; i++) for (const t of raw) classifyIntent({ text: t });
