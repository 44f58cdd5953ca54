// Driver of the differential fuzzer, controlled over stdin/stdout JSON lines (see README.md):
//   {"case": <seed>, "operations": <n>}  -> generates + composes a subgraph set, starts its subgraphs, runs every
//       operation through Hive Gateway (Hive Router's query planner) and answers
//       {"seed", "supergraph", "urls", "sdls", "discarded", "compositionErrors", "operations": [{"query", "hive"}]}
//   {"run": <seed>, "query": q} -> runs one more operation on that live case: {"hive", "truth"}
//   {"done": <seed>}  -> stops that case's subgraphs and answers {"closed": <seed>}
// Only protocol lines go to stdout; diagnostics go to stderr.
import { createInterface } from "node:readline";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { generateCase } from "./generate.mjs";
import { startSubgraphs } from "./subgraphs.mjs";
import { truthSchema, truth } from "./truth.mjs";

const placeholder = n => `http://fuzz.invalid/${n}`;
const live = new Map();
const HIVE_TIMEOUT_MS = 30000;

// the Hive worker: one at a time, restarted after a crash (a panic in the native planner aborts the process)
let worker = null;
let workerSupergraph = null;
let pending = null;

function startWorker() {
  const w = fork(fileURLToPath(new URL("./hive-worker.mjs", import.meta.url)), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  w.on("message", msg => {
    if (pending && w === worker) {
      const p = pending;
      pending = null;
      p.resolve(msg);
    }
  });
  w.on("exit", (code, signal) => {
    if (w !== worker) return;
    worker = null;
    workerSupergraph = null;
    if (pending) {
      const p = pending;
      pending = null;
      p.resolve({ crashed: `hive crashed (exit ${code}, signal ${signal})` });
    }
  });
  worker = w;
}

function ask(msg) {
  return new Promise(resolve => {
    const timer = setTimeout(() => {
      if (pending && pending.resolve === done) {
        pending = null;
        const w = worker;
        worker = null;
        workerSupergraph = null;
        w?.kill("SIGKILL");
        resolve({ crashed: `hive timed out after ${HIVE_TIMEOUT_MS} ms` });
      }
    }, HIVE_TIMEOUT_MS);
    const done = m => { clearTimeout(timer); resolve(m); };
    pending = { resolve: done };
    worker.send(msg);
  });
}

async function hive(supergraph, i, query) {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!worker) startWorker();
    if (workerSupergraph !== supergraph) {
      const ready = await ask({ supergraph });
      if (ready.crashed) return { errors: [{ message: ready.crashed + " loading the supergraph" }] };
      workerSupergraph = supergraph;
    }
    const answer = await ask({ i, query });
    if (answer.crashed) return { errors: [{ message: answer.crashed }] };
    return answer.hive;
  }
}

export async function runCase(seed, operations, knobs) {
  const c = generateCase(seed, { operations, knobs, placeholderUrl: placeholder });
  const subgraphs = await startSubgraphs(c);
  let supergraph = c.supergraphSdl;
  for (const [name, url] of Object.entries(subgraphs.urls)) supergraph = supergraph.split(placeholder(name)).join(url);
  const model = truthSchema(c);
  live.set(seed, { subgraphs, supergraph, model });
  const results = [];
  for (let i = 0; i < c.operations.length; i++) {
    const query = c.operations[i];
    results.push({ query, hive: await hive(supergraph, i, query), truth: await truth(model, query) });
  }
  return {
    seed, supergraph, urls: subgraphs.urls, sdls: c.sdls, discarded: c.discarded, apolloRejected: c.apolloRejected,
    compositionErrors: c.compositionErrors, operations: results,
  };
}

/** One more operation on a live case (the Java side shrinks a differing operation with it). */
export async function runOperation(seed, query) {
  const l = live.get(seed);
  if (!l) throw new Error(`case ${seed} is not live`);
  return { hive: await hive(l.supergraph, -1, query), truth: await truth(l.model, query) };
}

export async function closeCase(seed) {
  const l = live.get(seed);
  if (!l) return;
  live.delete(seed);
  await l.subgraphs.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const out = obj => process.stdout.write(JSON.stringify(obj) + "\n");
  // one command at a time, in order
  let chain = Promise.resolve();
  rl.on("line", line => {
    if (!line.trim()) return;
    chain = chain.then(async () => {
      let cmd;
      try {
        cmd = JSON.parse(line);
        if (cmd.case !== undefined) out(await runCase(cmd.case, cmd.operations ?? 20, cmd.knobs));
        else if (cmd.run !== undefined) out(await runOperation(cmd.run, cmd.query));
        else if (cmd.done !== undefined) {
          await closeCase(cmd.done);
          out({ closed: cmd.done });
        } else out({ error: "unknown command" });
      } catch (e) {
        out({ seed: cmd && cmd.case, error: String((e && e.stack) || e) });
      }
    });
  });
  rl.on("close", () => chain.then(async () => {
    for (const seed of [...live.keys()]) await closeCase(seed);
    worker?.kill();
    process.exit(0);
  }));
}
