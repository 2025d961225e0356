// Fails the build when two chunks of dist/ import each other, directly or through others.
// A cycle between chunks runs one of them before what it imports is defined (the Rules page
// once went blank: react-querybuilder's chunk read a regex from a chunk that was still waiting
// on it), and only in the order a user happens to open pages, so no component test sees it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "..", "dist", "assets");
const chunks = readdirSync(dir).filter((f) => f.endsWith(".js"));
// Static imports only: a dynamic import() waits for its target, so it cannot take part in a cycle.
const staticImport = /(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g;
const imports = new Map(
  chunks.map((file) => {
    const code = readFileSync(join(dir, file), "utf8");
    return [file, [...code.matchAll(staticImport)].map((m) => m[1])];
  }),
);

const state = new Map(); // file -> "open" while on the path, "done" after
function visit(file, path) {
  if (state.get(file) === "done") return;
  if (state.get(file) === "open") {
    const cycle = [...path.slice(path.indexOf(file)), file].join(" -> ");
    console.error(`check-chunks: chunks import each other: ${cycle}`);
    process.exit(1);
  }
  state.set(file, "open");
  for (const next of imports.get(file) ?? []) visit(next, [...path, file]);
  state.set(file, "done");
}
for (const file of chunks) visit(file, []);
console.log(`check-chunks: ${chunks.length} chunks, no import cycle`);
