// Import cycles inside lib/: between two modules, or between two lib/ folders (lib/audit imports
// lib/auth while lib/auth imports lib/audit). Type-only imports count: a cycle of types still
// ties two folders into one unit that can be neither understood nor moved apart.
// eslint-plugin-import's no-cycle ignores type imports and knows nothing of folders, hence this rule.
// Test files are leaves (nothing imports them) and are left out, both as importers and as targets.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const SOURCE = /\.tsx?$/;
const isTest = (file) => /\.test\.tsx?$/.test(file) || file.endsWith(".d.ts");

/** The files of lib/ (generated client and tests excluded), with their modification times. */
function listSources(libDir) {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
      } else if (SOURCE.test(entry.name) && !isTest(entry.name)) {
        files.set(full, statSync(full).mtimeMs);
      }
    }
  };
  walk(libDir);
  return files;
}

/** The project file an import names, or null for a package or a file outside the graph. */
function resolveImport(root, fromFile, specifier, known) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith("./") || specifier.startsWith("../")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

const specifiersOf = (text) => ts.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName);

/** lib/audit/events.ts -> "lib/audit"; a file directly in lib/ is its own unit ("lib/db.ts"). */
function unitOf(root, file) {
  const [first] = path.relative(path.join(root, "lib"), file).split(path.sep);
  return `lib/${first}`;
}

/** Listing lib/ costs a few milliseconds: done at most this often within one process. */
const RECHECK_MS = 2000;
const cache = { root: null, signature: "", checkedAt: 0, parsed: new Map(), graph: null };

const mtimeOf = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined; // linted from memory (no file on disk)
  }
};

/**
 * The module graph of lib/. One lint run reuses it; a process that lives on (an editor) re-lists
 * lib/ every RECHECK_MS, and at once when the file being linted is new or changed. A file's
 * imports are re-read only when its modification time moves.
 */
function graphOf(root, linted, { recheck = false } = {}) {
  const now = Date.now();
  const lintedMtime = mtimeOf(linted);
  if (
    !recheck &&
    cache.graph &&
    cache.root === root &&
    now - cache.checkedAt < RECHECK_MS &&
    (lintedMtime === undefined || cache.graph.files.get(linted) === lintedMtime)
  ) {
    return cache.graph;
  }
  const libDir = path.join(root, "lib");
  const files = listSources(libDir);
  cache.checkedAt = now;
  const signature = [...files].map(([file, mtime]) => `${file}:${mtime}`).join("\n");
  if (cache.root === root && cache.signature === signature && cache.graph) return cache.graph;
  if (cache.root !== root) cache.parsed = new Map();
  const edges = new Map();
  for (const [file, mtime] of files) {
    let entry = cache.parsed.get(file);
    if (!entry || entry.mtime !== mtime) {
      entry = { mtime, specifiers: specifiersOf(readFileSync(file, "utf8")) };
      cache.parsed.set(file, entry);
    }
    const targets = new Set();
    for (const specifier of entry.specifiers) {
      const target = resolveImport(root, file, specifier, files);
      if (target && target !== file) targets.add(target);
    }
    edges.set(file, targets);
  }
  const unitEdges = new Map();
  for (const [file, targets] of edges) {
    const from = unitOf(root, file);
    for (const target of targets) {
      const to = unitOf(root, target);
      if (to === from) continue;
      if (!unitEdges.has(from)) unitEdges.set(from, new Map());
      const witnesses = unitEdges.get(from);
      if (!witnesses.has(to)) witnesses.set(to, `${path.relative(root, file)} -> ${path.relative(root, target)}`);
    }
  }
  cache.root = root;
  cache.signature = signature;
  cache.graph = { files, edges, unitEdges };
  return cache.graph;
}

/** Shortest path from `start` to `goal` along `next`, or null. */
function pathBetween(start, goal, next) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === goal) {
      const route = [];
      for (let at = goal; at !== null; at = previous.get(at)) route.unshift(at);
      return route;
    }
    for (const following of next(node)) {
      if (!previous.has(following)) {
        previous.set(following, node);
        queue.push(following);
      }
    }
  }
  return null;
}

export const noImportCycles = {
  meta: {
    type: "problem",
    docs: { description: "Forbid import cycles between lib/ modules and between lib/ folders (type imports included)" },
    schema: [],
    messages: {
      moduleCycle: "Import cycle: {{route}}.",
      folderCycle: "Folder cycle: {{route}} ({{witnesses}}). Move the shared piece to the folder it belongs to.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const relative = path.relative(path.join(root, "lib"), file);
    if (relative.startsWith("..") || path.isAbsolute(relative) || isTest(file) || !SOURCE.test(file)) return {};
    if (relative.split(path.sep)[0] === "generated") return {};

    /** The cycle this import closes, with the files whose imports it rests on; null when none. */
    const cycleThrough = (graph, target) => {
      const show = (f) => path.relative(root, f);
      const back = pathBetween(target, file, (f) => graph.edges.get(f) ?? []);
      if (back) {
        return { messageId: "moduleCycle", data: { route: [file, ...back].map(show).join(" -> ") }, restsOn: back };
      }
      const from = unitOf(root, file);
      const to = unitOf(root, target);
      if (from === to) return null;
      const unitBack = pathBetween(to, from, (unit) => graph.unitEdges.get(unit)?.keys() ?? []);
      if (!unitBack) return null;
      const route = [from, ...unitBack];
      const witnesses = [];
      for (let i = 1; i + 1 < route.length; i += 1) witnesses.push(graph.unitEdges.get(route[i])?.get(route[i + 1]) ?? "");
      return {
        messageId: "folderCycle",
        data: { route: route.join(" -> "), witnesses: [`${show(file)} -> ${show(target)}`, ...witnesses].join("; ") },
        restsOn: witnesses.map((witness) => path.join(root, witness.split(" -> ")[0] ?? "")),
      };
    };

    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== "string") return;
      let graph = graphOf(root, file);
      const target = resolveImport(root, file, specifier, graph.files);
      if (!target || target === file) return;
      let cycle = cycleThrough(graph, target);
      // Before reporting, make sure the imports the cycle rests on are still those on disk.
      if (cycle && cycle.restsOn.some((f) => mtimeOf(f) !== graph.files.get(f))) {
        graph = graphOf(root, file, { recheck: true });
        cycle = graph.files.has(target) ? cycleThrough(graph, target) : null;
      }
      if (cycle) context.report({ node: node.source, messageId: cycle.messageId, data: cycle.data });
    };

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
