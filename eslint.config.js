import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/*
 * Import boundaries between the layers, checked by app/boundaries.test.ts.
 * `group` is read with gitignore syntax, where a leading "#" starts a comment:
 * the "#db" alias must be escaped or the pattern bans nothing. A leading "**"
 * on a folder name catches the "~/" alias and relative paths alike.
 */
const serverCode = ["**/.server/*", "**/*.server"];
const database = ["\\#db/*", "../../db/*"];
const rootRoute = ["**/root"];
const ui = ["**/components/*", "**/routes/*", "**/scene/*", ...rootRoute];

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
          { group: [...serverCode, ...database], message: "app/domain must not import server code." },
          { group: ui, message: "app/domain must not import UI (components, routes, scene, root): the UI builds on the domain, not the other way round." },
        ],
      },
    ],
  },
};

/** Components and the scene are shipped to the browser: server code and the database stay behind. */
const uiBoundary = {
  files: ["app/components/**/*.{ts,tsx}", "app/scene/**/*.{ts,tsx}"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: [...serverCode, ...database], message: "Components and the scene run in the browser: no server code or database imports (a route's loader passes the data in)." },
          { group: rootRoute, message: "Components and the scene must not import the root route (it reaches server code): take its types from app/domain." },
        ],
      },
    ],
  },
};

/** Server code serves the UI; it doesn't build on it (PDFs and API answers use app/domain's view models). */
const serverBoundary = {
  files: ["app/.server/**/*.{ts,tsx}"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [{ group: ["**/components/*", "**/routes/*", ...rootRoute], message: "app/.server must not import UI modules (components, routes, root): move what it shares with them into app/domain." }],
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
  uiBoundary,
  serverBoundary,
);
