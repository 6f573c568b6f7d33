// Minifies one shipped script (terser), the same way for the build and for the e2e test that checks
// the shipped files are exactly the minified readable ones:
//
//   node scripts/minify.mjs IN OUT
//
// Function names are shortened like every other local name (0.2 kB): the static checks read the
// readable forms, which dist/readable/ keeps beside the shipped ones for anyone debugging or auditing.

import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

export const OPTIONS = { module: true };

/** The minified form of the JavaScript module `source`. */
export async function minifySource(source) {
  const result = await minify(source, OPTIONS);
  if (typeof result.code !== 'string') throw new Error('terser returned no code');
  return result.code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node scripts/minify.mjs IN OUT');
    process.exit(2);
  }
  await writeFile(output, await minifySource(await readFile(input, 'utf8')));
}
