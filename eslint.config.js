import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/** app/domain is pure: it must run in the browser and on the server alike. */
const domainBoundary = {
  files: ["app/domain/**/*.{ts,tsx}"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["react", "react-dom", "@remix-run/*", "drizzle-orm", "drizzle-orm/*", "three", "@react-three/*", "postgres", "@electric-sql/*"], message: "app/domain is pure TypeScript: no UI, framework or database imports." },
          { group: ["node:*", "fs", "path", "crypto", "os", "child_process"], message: "app/domain runs in the browser too: no Node built-ins." },
          { group: ["~/.server/*", "**/.server/*", "**/*.server", "#db/*", "../../db/*"], message: "app/domain must not import server code." },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", ".cache/**", "db/migrations/**", "public/**", "e2e/screenshots/**", ".data/**", ".test-data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  domainBoundary,
);
