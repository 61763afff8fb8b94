// `npm run test:spark`: the Spark-dialect query in pyspark's local mode (needs Java and pyspark,
// which .ci/run installs). Kept out of `npm test` so that a developer without Java can run that.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.spark.ts"],
    testTimeout: 1_200_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
