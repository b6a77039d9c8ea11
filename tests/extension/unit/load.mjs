// Loads some of the extension's classic scripts (one global scope per context in the
// browser) into one function scope, and hands back the names a test asks for. Pure logic
// only: anything that touches the browser is given as `globals`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const EXTENSION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../extension");

/**
 * @param {string[]} files paths under extension/, in the manifest's order
 * @param {string[]} names the top-level names to return
 * @param {Record<string, unknown>} globals stand-ins for browser globals the files name
 */
export function load(files, names, globals = {}) {
  const source = files.map((file) => readFileSync(path.join(EXTENSION, file), "utf8")).join("\n;\n");
  const scope = new Function(...Object.keys(globals), `${source}\nreturn { ${names.join(", ")} };`);
  return scope(...Object.values(globals));
}
