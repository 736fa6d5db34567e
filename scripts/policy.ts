// npm run -s policy -- --input FILE: one scenario per JSON line in, one verdict per line out.
import { parseShopifyJson } from '../lib/integrations/shopify/json';
import { simulateScenario } from '../lib/admin/simulate-scenario';
import { inputPath, mapLines, readLines } from './lines';

const out = mapLines(readLines(inputPath(process.argv.slice(2))), (s) => simulateScenario(s), parseShopifyJson);
process.stdout.write(out ? `${out}\n` : '');
