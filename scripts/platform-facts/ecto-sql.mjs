// Print the SQL strings of an Ecto migration (execute("..."), execute("""..."""), execute """...""") up to its down/0.
import { readFileSync } from 'node:fs';
const src = readFileSync(process.argv[2], 'utf8');
const up = src.split(/\n\s*def down\b/)[0];
const out = [];
const re = /execute\(?\s*(?:"""([\s\S]*?)"""|"((?:[^"\\]|\\.)*)")/g;
let m;
while ((m = re.exec(up))) {
  const s = m[1] ?? m[2].replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  out.push(s.trim().replace(/;?\s*$/, ';'));
}
process.stdout.write(out.join('\n\n') + '\n');
