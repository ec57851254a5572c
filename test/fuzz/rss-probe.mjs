// Preloaded into the CLI children of the fuzz test (node --import): on exit, writes the
// process's peak resident memory (KB) to $REFRACT_RSS_FILE, so the test can bound memory.
import { writeFileSync } from 'node:fs';

const file = process.env.REFRACT_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
