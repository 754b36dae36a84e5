import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// office-addin-lint's recommended rules (Office add-in best practices + prettier), for TypeScript and React.
// The plugin's own block lists .js/.ts files only; the same block is applied to .tsx below, so
// prettier and the Office rules cover the views and their tests too.
const officeBlock = officeAddins.configs.recommended.find((c) => Array.isArray(c.files));

export default [
  { ignores: ["dist/**", "dist-preview/**", "node_modules/**", "coverage/**", "test-results/**"] },
  ...officeAddins.configs.recommended,
  ...officeAddins.configs.react,
  { ...officeBlock, files: ["**/*.tsx"] },
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
        CustomFunctions: "readonly",
      },
    },
    settings: { react: { version: "18" } },
    // TypeScript already checks that every name is defined (and knows the DOM and ES globals).
    rules: { "no-undef": "off" },
  },
];
