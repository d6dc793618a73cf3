// ESLint flat config: our browser code (static/js) and its node unit tests (tests/js).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // Vendored Leaflet etc. are copied from XStatic packages at start-up; not our code.
    ignores: ["static/vendor/", "static/cache/", "bench/static/", ".venv/", "test-artifacts/"],
  },
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      // A classic script in the browser (window.EM) that node loads as CommonJS for the tests.
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly" },
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: "error",
      strict: ["error", "function"],
    },
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
];
