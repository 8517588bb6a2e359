// Project rules that keep the layering (docs/ARCHITECTURE.md, "What lint enforces").
import { engineImports } from "./engine-imports.mjs";
import { noImportCycles } from "./no-import-cycles.mjs";

const plugin = { meta: { name: "crs-watch" }, rules: { "engine-imports": engineImports, "no-import-cycles": noImportCycles } };
export default plugin;
