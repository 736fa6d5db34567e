import fs from 'node:fs';
import { classifyIntent, scoreRules } from '../lib/domain/intent/classify';
import { cpuReferenceMs } from './cpu-reference';
const raw = ['intents.jsonl','intents-new-dev.jsonl'].flatMap(f=>fs.readFileSync('tests/fixtures/'+f,'utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l).text as string));
const time = (name: string, f: () => void) => { for (let i=0;i<3;i++) f(); const t0=process.hrtime.bigint(); for (let i=0;i<8;i++) f(); const us = Number(process.hrtime.bigint()-t0)/1e3/8/raw.length; console.log(name, us.toFixed(1), 'us/msg', Math.round(1e6/us), '/s'); };
console.log('cpu', cpuReferenceMs().toFixed(0));
time('rules', () => { for (const t of raw) scoreRules({ text: t }); });
time('classify', () => { for (const t of raw) classifyIntent({ text: t }); });
console.log('cpu', cpuReferenceMs().toFixed(0));
