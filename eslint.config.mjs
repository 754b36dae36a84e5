import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// office-addin-lint's recommended rules (Office add-in best practices + prettier), for TypeScript and React.
export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**"] },
  ...officeAddins.configs.recommended,
  ...officeAddins.configs.react,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: { Office: "readonly", Excel: "readonly", OfficeExtension: "readonly", CustomFunctions: "readonly" },
    },
    settings: { react: { version: "18" } },
    // TypeScript already checks that every name is defined (and knows the DOM and ES globals).
    rules: { "no-undef": "off" },
  },
];
