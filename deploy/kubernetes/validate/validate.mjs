// Validates every manifest under deploy/kubernetes/ (and Quarkus' generated one, when the service was packaged
// with -Dkubernetes) against the Kubernetes API schema, with kubernetes-models' validators (JSON schemas
// generated from the Kubernetes OpenAPI document: required fields, types, formats, enumerations).
// Not checked by these schemas: unknown fields (the API server drops or warns about them; KubernetesManifestSchemaTest
// in the service module finds those), and anything only a cluster knows (admission, quotas, images).
//   cd deploy/kubernetes/validate && npm ci && node validate.mjs
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const manifests = join(here, "..");
const repo = join(manifests, "..", "..");

function yamlFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).map((f) => join(dir, f));
}

async function modelOf(doc) {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    throw new Error("no apiVersion or kind");
  }
  const module = await import(`kubernetes-models/${apiVersion}`).catch(() => {
    throw new Error(`unknown apiVersion ${apiVersion}`);
  });
  const Model = module[kind];
  if (!Model) {
    throw new Error(`unknown kind ${kind} in ${apiVersion}`);
  }
  return Model;
}

async function validate(doc) {
  const Model = await modelOf(doc);
  new Model(doc).validate();
}

// The validator must reject what a cluster rejects, or a pass means nothing.
const broken = [
  [{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" },
     spec: { template: { spec: { containers: [{ name: "c", image: "i" }] } } } }, "a Deployment without a selector"],
  [{ apiVersion: "v1", kind: "Service", metadata: { name: "x" },
     spec: { ports: [{ port: "http" }] } }, "a Service port that is not a number"],
  [{ apiVersion: "policy/v1", kind: "PodDisruptionBudgett", metadata: { name: "x" } }, "a misspelt kind"],
];
for (const [doc, what] of broken) {
  let rejected = false;
  try {
    await validate(doc);
  } catch {
    rejected = true;
  }
  if (!rejected) {
    console.error(`validate: the validator accepted ${what}; it checks nothing`);
    process.exit(1);
  }
}

const files = [...yamlFiles(manifests), ...yamlFiles(join(manifests, "examples"))];
const generated = join(repo, "service", "target", "kubernetes", "kubernetes.yml");
if (existsSync(generated)) {
  files.push(generated);
} else {
  console.log(`validate: ${relative(repo, generated)} absent (package with -Dkubernetes to check it too)`);
}
let passed = 0;
let failed = 0;
for (const file of files) {
  for (const parsed of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (parsed.errors.length > 0) {
      console.error(`FAIL ${relative(repo, file)}: ${parsed.errors[0].message}`);
      failed++;
      continue;
    }
    const doc = parsed.toJS();
    if (doc === null) {
      continue;
    }
    const name = `${relative(repo, file)} ${doc.kind}/${doc.metadata?.name}`;
    try {
      await validate(doc);
      console.log(`ok   ${name}`);
      passed++;
    } catch (e) {
      console.error(`FAIL ${name}: ${e.message}`);
      failed++;
    }
  }
}
console.log(`kubernetes-models: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
