// Runs the `run:` steps of a composite action outside GitHub, the way the runner would for these steps: each step's
// env with ${{ inputs.X }} and ${{ steps.ID.outputs.Y }} filled in, GITHUB_OUTPUT read back after each step, `if:`
// evaluated (see condition() below; without one, a step is skipped once one has failed). `uses:` steps are listed
// as not run: they need GitHub. Enough to test the scripts of ci/github/gate/action.yml, nothing more.
//
// usage: node run-composite.mjs ACTION_YML INPUTS_JSON  (needs NODE_TOOLS: the prefix js-yaml is installed under)
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, dirname, resolve } from "node:path";
import { tmpdir } from "node:os";

const require = createRequire(join(process.env.NODE_TOOLS, "node_modules", "noop.js"));
const yaml = require("js-yaml");
const [actionFile, inputsJson] = process.argv.slice(2);
const action = yaml.load(readFileSync(actionFile, "utf8"));
const given = JSON.parse(inputsJson);

const inputs = {};
for (const [name, spec] of Object.entries(action.inputs ?? {})) {
  if (spec.required && !(name in given)) throw new Error(`input ${name} is required`);
  inputs[name] = String(given[name] ?? spec.default ?? "");
}
for (const name of Object.keys(given)) {
  if (!(name in inputs)) throw new Error(`input ${name} is not declared in ${actionFile}`);
}

const outputs = {};
const expression = /\$\{\{\s*(inputs|steps)\.([A-Za-z0-9_-]+)(?:\.outputs\.([A-Za-z0-9_-]+))?\s*\}\}/g;
const fill = (text) => String(text).replace(expression, (whole, kind, name, output) => {
  if (kind === "inputs") {
    if (!(name in inputs)) throw new Error(`unknown input ${name} in ${whole}`);
    return inputs[name];
  }
  return outputs[name]?.[output] ?? "";
});

// The `if:` conditions this action uses: terms joined by &&, each always(), or a step output or input compared
// with a literal. Anything else is an error, not a guess.
function condition(text) {
  return text.split("&&").every((raw) => {
    const term = raw.trim();
    if (term === "always()") return true;
    const m = /^(steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)|inputs\.([A-Za-z0-9_-]+))\s*(==|!=)\s*'([^']*)'$/.exec(term);
    if (!m) throw new Error(`condition not understood: ${term}`);
    const value = m[2] ? (outputs[m[2]]?.[m[3]] ?? "") : inputs[m[4]];
    return m[5] === "==" ? value === m[6] : value !== m[6];
  }) && (text.includes("always()") || !failed);
}

const work = mkdtempSync(join(tmpdir(), "composite-"));
let failed = 0;
for (const [index, step] of action.runs.steps.entries()) {
  const label = step.id ?? step.name ?? `step ${index}`;
  if (step.uses) {
    console.log(`composite: not run here (needs GitHub): ${label} (${step.uses})`);
    continue;
  }
  if (!(step.if === undefined ? !failed : condition(step.if))) {
    console.log(`composite: skipped (${step.if ?? "after a failure"}): ${label}`);
    continue;
  }
  const outputFile = join(work, `output-${index}`);
  writeFileSync(outputFile, "");
  const env = { ...process.env, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: resolve(dirname(actionFile)),
    RUNNER_TEMP: work };
  for (const [key, value] of Object.entries(step.env ?? {})) env[key] = fill(value);
  // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", fill(step.run)], { env, stdio: "inherit" });
  const values = {};
  for (const line of readFileSync(outputFile, "utf8").split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
  }
  if (step.id) outputs[step.id] = values;
  console.log(`composite: ${label} exited ${result.status}`);
  if (result.status !== 0) failed = result.status ?? 1;
}
writeFileSync(join(process.env.COMPOSITE_OUT ?? ".", "outputs.json"), JSON.stringify(outputs));
rmSync(work, { recursive: true, force: true });
process.exit(failed);
