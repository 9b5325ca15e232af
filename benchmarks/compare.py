#!/usr/bin/env python3
"""Runs our benchmark harness and the peers side by side and prints a Markdown table of ratios.

Usage: /usr/bin/python3 benchmarks/compare.py [--only NAME] [--skip-peers] [--repeat N]
Ratios are "times faster than the peer": throughput ours/peer, or latency peer/ours.
Each side runs N times (default 3) as separate processes and keeps its best result per benchmark: on a shared
2-vCPU machine some processes land in a slow state for their whole run, and taking the best of each side filters
that out symmetrically.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = [
    [sys.executable, os.path.join(ROOT, "benchmarks", "peers", "pytorch_rnn.py")],
    [sys.executable, os.path.join(ROOT, "benchmarks", "peers", "numpy_sgemm.py")],
    [sys.executable, os.path.join(ROOT, "benchmarks", "peers", "pytorch_forecaster.py")],
    [sys.executable, os.path.join(ROOT, "benchmarks", "peers", "pytorch_seq2seq.py")],
    [sys.executable, os.path.join(ROOT, "benchmarks", "peers", "pytorch_textclassifier.py")],
    [sys.executable, os.path.join(ROOT, "benchmarks", "peers", "pytorch_charlm.py")],
]
# Field compared per benchmark, whether higher is better, and the target ratio from the issues.
TARGETS = {
    "train-lstm-b64-t50-i32-h128": ("sequences_per_s", True, 2.0),
    "train-gru-b64-t50-i32-h128": ("sequences_per_s", True, 2.0),
    "train-lstm-b64-t50-i32-h512": ("sequences_per_s", True, 1.5),
    "train-bilstm2-b64-t40-i128-h128": ("sequences_per_s", True, 1.5),
    "train-lstm-b32-t24-i1-h64": ("sequences_per_s", True, 3.0),
    "infer-lstm-b1-t50-i1-h64": ("us_per_call", False, 20.0),
    "infer-gru-b256-t50-i32-h128": ("sequences_per_s", True, 2.0),
    "stream-gru-i32-h128": ("us_per_step", False, 10.0),
    "gemm-256": ("gflops", True, None),
    "gemm-512": ("gflops", True, 0.75),
    "gemm-1024": ("gflops", True, 0.75),
    "fit-forecaster-daily-temps": ("seconds", False, None),  # the bound: under 30 s
    "fit-seq2seq-engrus-epoch": ("seconds", False, 2.0),
    "translate-beam5": ("us_per_call", False, None),
    "fit-textclassifier-mr": ("seconds", False, None),  # the bound: under 10 s
    "predict-textclassifier": ("us_per_call", False, None),  # the bound: under 100 µs
    "train-charlm": ("tokens_per_s", True, 2.0),
    "generate-chars": ("chars_per_s", True, 2.0),
}


def run(command):
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def best_of(command, repeat):
    """Runs command `repeat` times and keeps, per benchmark name, the record with the best compared field."""
    best = {}
    for _ in range(repeat):
        for record in run(command):
            field, higher, _ = TARGETS.get(record["name"], (next(k for k in record if k not in ("name", "kind", "threads", "peer")), True, None))
            current = best.get(record["name"])
            if current is None or (record[field] > current[field] if higher else record[field] < current[field]):
                best[record["name"]] = record
    return list(best.values())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    only = ["--only", args.only] if args.only else []
    subprocess.run(["dotnet", "build", "-c", "Release", "benchmarks/Microsoft.ML.Recurrent.Benchmarks"], cwd=ROOT, capture_output=True, check=True)
    harness = ["dotnet", os.path.join(ROOT, "benchmarks", "Microsoft.ML.Recurrent.Benchmarks", "bin", "Release", "net10.0", "Microsoft.ML.Recurrent.Benchmarks.dll")]
    ours = best_of(harness + only, args.repeat)
    peers = {}
    if not args.skip_peers:
        for command in PEERS:
            for record in best_of(command + (only if "pytorch" in command[-1] else []), args.repeat):
                peers[record["name"]] = record
    print("| benchmark | field | ours | peer | ratio | target | met |")
    print("|---|---|---|---|---|---|---|")
    for record in ours:
        name = record["name"]
        field, higher, target = TARGETS.get(name, (next(k for k in record if k not in ("name", "kind", "threads")), True, None))
        peer = peers.get(name, {}).get(field)
        ratio = None if peer is None else (record[field] / peer if higher else peer / record[field])
        met = "" if ratio is None or target is None else ("yes" if ratio >= target else "NO")
        fmt = lambda v: "" if v is None else f"{v:,.2f}"
        extra = f" ({record['allocated_bytes_per_step']:.0f} B/step)" if "allocated_bytes_per_step" in record else ""
        print(f"| {name} | {field} | {fmt(record[field])}{extra} | {fmt(peer)} | {fmt(ratio)} | {'' if target is None else f'≥ {target}'} | {met} |")


if __name__ == "__main__":
    main()
