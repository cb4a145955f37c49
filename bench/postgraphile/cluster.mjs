// PostGraphile in WORKERS processes sharing one port (Node's cluster module), so that it
// can use as many cores as the provenance API's uvicorn workers: `provenance bench run
// --workers N` starts both servers with N processes. Arguments go to PostGraphile's CLI.
import cluster from "node:cluster";
import { createRequire } from "node:module";

const workers = Number(process.env.WORKERS ?? 1);

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  cluster.on("exit", (worker, code) => {
    console.error(`postgraphile worker ${worker.process.pid} exited (${code})`);
    process.exitCode = 1;
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers)) worker.kill(signal);
      process.exit();
    });
  }
} else {
  // By path: the package does not export its CLI entry point.
  createRequire(import.meta.url)("./node_modules/postgraphile/dist/cli-run.js");
}
