// The grading engine is a pure function of its input (docs/ARCHITECTURE.md): lib/engine imports
// its own modules and the packages it is given (zod, date-fns; its tests also vitest and
// fast-check), nothing else: no Next.js, no Prisma or lib/generated, no node: built-ins, no React,
// no other lib/ folder. Checked on the import text itself, so no resolver is needed.
import path from "node:path";

const packageOf = (specifier) => {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
};

export const engineImports = {
  meta: {
    type: "problem",
    docs: { description: "lib/engine imports only its own modules and the packages listed" },
    schema: [
      { type: "object", properties: { packages: { type: "array", items: { type: "string" } } }, additionalProperties: false },
    ],
    messages: {
      outside:
        "lib/engine must not import {{specifier}}: it imports only its own modules and {{packages}} (a pure function of its input).",
    },
  },
  create(context) {
    const allowed = context.options[0]?.packages ?? [];
    const engineDir = path.join(context.cwd, "lib", "engine");
    const insideEngine = (target) => target === engineDir || target.startsWith(engineDir + path.sep);

    const check = (sourceNode) => {
      const specifier = sourceNode?.type === "Literal" ? sourceNode.value : undefined;
      if (typeof specifier !== "string") return;
      let ok;
      if (specifier.startsWith("./") || specifier.startsWith("../"))
        ok = insideEngine(path.resolve(path.dirname(context.filename), specifier));
      else if (specifier.startsWith("@/")) ok = insideEngine(path.join(context.cwd, specifier.slice(2)));
      else ok = allowed.includes(packageOf(specifier));
      if (!ok) context.report({ node: sourceNode, messageId: "outside", data: { specifier, packages: allowed.join(", ") } });
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") check(node.arguments[0]);
      },
    };
  },
};
