#!/usr/bin/env python3
"""Extract election facts from a folder of articles, or a JSON Lines dump, on Spark.

Each partition of articles is piped through `newsfacts extract --stdin` (Spark's
RDD.pipe): newsfacts reads one {"id": ..., "text": ...} object per line and writes one
record per line, in the same order, so the job needs no glue code beyond building the
input lines. The records are written with saveAsTextFile (one part-NNNNN file per
partition); each record's "path" is the article's id, so the output can be ordered or
joined by it.

    python3 examples/spark/newsfacts_job.py corpus/ out/                 # local[2]
    python3 examples/spark/newsfacts_job.py dump.jsonl out/ --master spark://host:7077

A folder is read recursively for *.txt files (--glob to change), and each article's id
is the folder as given joined with the file's path inside it: the same "path" that
`newsfacts extract FOLDER` writes, so the two runs can be compared record for record.
Files are sent as UTF-8 text; a file that is not UTF-8 is decoded with replacement
characters (the job says how many), so for those the spans refer to the decoded text.
A JSON Lines dump is piped as it is: each line must already be {"id": ..., "text": ...}.

When the newsfacts binary has the `check` command, the job runs it over its output.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="a folder of articles, or a .jsonl file of {\"id\", \"text\"} objects")
    p.add_argument("output", help="folder to write the records into (must not exist)")
    p.add_argument("--master", default="local[2]", help="Spark master URL (default: local[2])")
    p.add_argument("--newsfacts", default="newsfacts",
                   help="the newsfacts program as the executors see it: on their PATH, or a path")
    p.add_argument("--threads", type=int, default=1,
                   help="threads per newsfacts process (default 1: Spark runs one task per core)")
    p.add_argument("--partitions", type=int, default=0,
                   help="how many pieces to split the articles into (default: Spark's choice)")
    p.add_argument("--glob", default="*.txt", help="which files of a folder are articles (default *.txt)")
    return p.parse_args(argv)


def folder_articles(spark, folder, glob):
    """(id, JSON line) for every article file under `folder`."""
    rows = (spark.read.format("binaryFile")
            .option("pathGlobFilter", glob)
            .option("recursiveFileLookup", "true")
            .load(folder)
            .select("path", "content")
            .rdd)
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(folder)
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    root = fs.makeQualified(hadoop_path).toString().rstrip("/")
    label = folder.rstrip("/") or "/"
    undecodable = spark.sparkContext.accumulator(0)

    def to_line(row):
        path, content = row.path, bytes(row.content)
        if not path.startswith(root + "/"):
            raise ValueError(f"{path} is not under {root}")
        article_id = label + path[len(root):]
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            undecodable.add(1)
            text = content.decode("utf-8", errors="replace")
        return json.dumps({"id": article_id, "text": text}, ensure_ascii=False)

    return rows.map(to_line), undecodable


def run_check(newsfacts, output):
    """`newsfacts check` over the records, when this newsfacts has that command."""
    program = shutil.which(newsfacts) or newsfacts
    probe = subprocess.run([program, "check", "--help"], capture_output=True)
    if probe.returncode != 0:
        print("newsfacts_job: this newsfacts has no `check` command yet; skipping the check step")
        return
    parts = sorted(os.path.join(output, f) for f in os.listdir(output) if f.startswith("part-"))
    print(f"newsfacts_job: newsfacts check over {len(parts)} part files")
    result = subprocess.run([program, "check", *parts])
    print(f"newsfacts_job: newsfacts check exited with {result.returncode} (1 means findings to review)")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master(args.master).appName("newsfacts").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    undecodable = None
    if os.path.isdir(args.input) or not args.input.endswith((".jsonl", ".json")):
        lines, undecodable = folder_articles(spark, args.input, args.glob)
    else:
        lines = spark.sparkContext.textFile(args.input)
    if args.partitions > 0:
        lines = lines.repartition(args.partitions)

    command = [args.newsfacts, "extract", "--stdin", "--quiet", "--threads", str(args.threads)]
    records = lines.pipe(" ".join(command), checkCode=True)
    records.saveAsTextFile(args.output)
    spark.stop()

    count = errors = 0
    for name in sorted(os.listdir(args.output)) if os.path.isdir(args.output) else []:
        if name.startswith("part-"):
            with open(os.path.join(args.output, name), encoding="utf-8") as f:
                for line in f:
                    count += 1
                    errors += "error" in json.loads(line)
    if os.path.isdir(args.output):
        print(f"newsfacts_job: {count} records ({errors} error entries) in {args.output}")
        if undecodable is not None and undecodable.value:
            print(f"newsfacts_job: {undecodable.value} files were not UTF-8 and were decoded with replacements")
        run_check(args.newsfacts, args.output)


if __name__ == "__main__":
    main()
