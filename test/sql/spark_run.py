"""Runs stdrates' Spark-dialect queries in local mode for test/sql/spark.spark.ts.

argv[1]: a JSON list of cases {population, activity, sql, out}. Each case's CSV files are read
with spark.read.csv(header=True, inferSchema=True) as the views `population` and `activity`; the
query's rows are written to `out` as JSON.
"""
import json
import sys

from pyspark.sql import SparkSession

cases = json.load(open(sys.argv[1]))
spark = (
    SparkSession.builder.master("local[2]")
    .appName("stdrates-sql-test")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.sql.shuffle.partitions", "2")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
for case in cases:
    for view in ("population", "activity"):
        spark.read.csv(case[view], header=True, inferSchema=True).createOrReplaceTempView(view)
    rows = [r.asDict() for r in spark.sql(case["sql"]).collect()]
    with open(case["out"], "w") as f:
        json.dump(rows, f)
spark.stop()
