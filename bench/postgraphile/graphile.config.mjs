// PostGraphile v5 serving the provenance database, for the side-by-side benchmark.
// The harness (provenance bench run) starts it with DATABASE_URL, HOST and PORT set.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { PgSimplifyInflectionPreset } from "@graphile/simplify-inflection";

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      // bench_postgraphile holds the chain and search functions the harness installs,
      // so PostGraphile can answer the same questions as the provenance API.
      schemas: ["public", "bench_postgraphile"],
      poolConfig: { max: Number(process.env.POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: {
    host: process.env.HOST ?? "127.0.0.1",
    port: Number(process.env.PORT ?? 5678),
    graphiql: false,
  },
  grafast: { explain: false },
};

export default preset;
