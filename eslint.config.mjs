import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import crsWatch from "./eslint-rules/index.mjs";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  // Layering (docs/ARCHITECTURE.md, "What lint enforces"): the engine stays a pure function of its
  // input, and no two lib/ modules or folders import each other, even through others.
  {
    files: ["lib/**/*.{ts,tsx}"],
    plugins: { "crs-watch": crsWatch },
    rules: { "crs-watch/no-import-cycles": "error" },
  },
  {
    files: ["lib/engine/**/*.{ts,tsx}"],
    ignores: ["lib/engine/**/*.test.{ts,tsx}"],
    rules: { "crs-watch/engine-imports": ["error", { packages: ["zod", "date-fns"] }] },
  },
  {
    files: ["lib/engine/**/*.test.{ts,tsx}"],
    rules: { "crs-watch/engine-imports": ["error", { packages: ["zod", "date-fns", "vitest", "fast-check"] }] },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "data/**",
    ],
  },
];

export default config;
