// Validates rendered Kubernetes manifests (multi-document YAML files given as arguments) against
// the Kubernetes API schemas shipped in kubernetes-models (types, required fields, enums, formats;
// not unknown field names). Every object must be of a kind the schemas know. Exit 1 on any error.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let errors = 0;
let objects = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.log(`ops/check: ${file}: YAML: ${document.errors.map((e) => e.message).join("; ")}`);
      errors++;
      continue;
    }
    const object = document.toJS();
    if (object == null) {
      continue;
    }
    const where = `${file}: ${object.kind} ${object.metadata?.name}`;
    let Model;
    try {
      // kubernetes-models/<group>/<version>/<Kind>; the core group is just "v1"
      Model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
    } catch {
      console.log(`ops/check: ${where}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
      errors++;
      continue;
    }
    try {
      new Model(object).validate();
      objects++;
    } catch (e) {
      console.log(`ops/check: ${where}: ${e.message}`);
      errors++;
    }
  }
}
if (errors > 0) {
  process.exit(1);
}
console.log(`ops/check: ${objects} Kubernetes objects valid against the Kubernetes schemas`);
