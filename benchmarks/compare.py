#!/usr/bin/env python3
"""Runs our benchmark harness and every peer side by side and prints the README's Markdown speed table.

Usage: /usr/bin/python3 benchmarks/compare.py [--suite readme|all] [--only NAME[,NAME...]] [--rounds N]
                                              [--skip-peers] [--json FILE]

Sides, each run as its own process per benchmark:
  - ours at the default thread count (the processor count) and with --threads 1;
  - PyTorch 1.13 (Debian 12's python3-torch) and numpy/OpenBLAS 0.3.21, each PyTorch script at its best thread setting
    (1 thread, or 2 with OPENBLAS_NUM_THREADS=1). OpenBLAS 0.3.21 does not know this machine's processor and, unpinned,
    falls back to its generic Prescott kernel: these peers get OPENBLAS_CORETYPE=SkylakeX (its AVX-512 kernel) when
    the processor has AVX-512;
  - PyTorch 2.6 (same scripts), numpy on OpenBLAS 0.3.29 and TorchSharp 0.107 on libtorch 2.10, inside the Debian 13
    chroot of ../shared/peers/trixie-peers.sh (when it is set up; run its `setup` once as root), with
    OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset so OpenBLAS picks its own kernel;
  - ONNX Runtime 1.32 with 1 and 2 intra-op threads (benchmarks/peers/OnnxRuntimePeer) on models exported by
    benchmarks/peers/export_onnx_rnn.py and, for the text classifier, by the harness's --export-onnx.
Every Python peer reports the BLAS kernel that ran. The sides are interleaved: each round runs every benchmark on
every side in turn, and the table gives each side's median over the rounds (default 5). Ratios are "times faster
than the best peer" at our default thread count: throughput ours/peer, or latency peer/ours.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "benchmarks", "peers")
TRIXIE = os.environ.get("TRIXIE_PEERS", os.path.join(os.path.dirname(ROOT), "shared", "peers", "trixie-peers.sh"))
TRIXIE_ROOT = os.environ.get("TRIXIE_ROOT", "/opt/trixie-peers")
HARNESS = os.path.join(ROOT, "benchmarks", "Microsoft.ML.Recurrent.Benchmarks")
TORCHSHARP = os.path.join(PEERS, "TorchSharpPeer")
ONNXRUNTIME = os.path.join(PEERS, "OnnxRuntimePeer")

# Field compared per benchmark, whether higher is better, and the target: ("ratio", x) against the best peer, or
# ("at most", x) in the field's unit (issue 18's goals at the default thread count).
TARGETS = {
    "train-lstm-b64-t50-i32-h128": ("sequences_per_s", True, ("ratio", 2.0)),
    "train-gru-b64-t50-i32-h128": ("sequences_per_s", True, ("ratio", 2.0)),
    "train-lstm-b64-t50-i32-h512": ("sequences_per_s", True, ("ratio", 1.5)),
    "train-bilstm2-b64-t40-i128-h128": ("sequences_per_s", True, ("ratio", 1.5)),
    "train-lstm-b32-t24-i1-h64": ("sequences_per_s", True, ("ratio", 3.0)),
    "infer-lstm-b1-t50-i1-h64": ("us_per_call", False, ("at most", 18.0)),
    "infer-gru-b256-t50-i32-h128": ("sequences_per_s", True, ("ratio", 2.0)),
    "stream-gru-i32-h128": ("us_per_step", False, ("at most", 2.0)),
    "gemm-256": ("gflops", True, None),
    "gemm-512": ("gflops", True, ("ratio", 0.75)),
    "gemm-1024": ("gflops", True, ("ratio", 0.75)),
    "fit-forecaster-daily-temps": ("seconds", False, None),  # issue bound: under 30 s
    "predict-forecaster": ("us_per_call", False, None),
    "fit-seq2seq-engrus-epoch": ("seconds", False, ("ratio", 2.0)),
    "translate-beam5": ("us_per_call", False, None),
    "fit-textclassifier-mr": ("seconds", False, None),  # issue bound: under 10 s
    "predict-textclassifier": ("us_per_call", False, None),  # issue bound: under 100 µs
    "train-charlm": ("tokens_per_s", True, ("ratio", 2.0)),
    "generate-chars": ("chars_per_s", True, ("ratio", 2.0)),
}
RNN = ["train-lstm-b64-t50-i32-h128", "train-gru-b64-t50-i32-h128", "train-lstm-b64-t50-i32-h512",
       "train-bilstm2-b64-t40-i128-h128", "train-lstm-b32-t24-i1-h64", "infer-lstm-b1-t50-i1-h64",
       "infer-gru-b256-t50-i32-h128", "stream-gru-i32-h128"]
GEMM = ["gemm-256", "gemm-512", "gemm-1024"]
SUITES = {
    # The README's table: the engine, and every model type's prediction path.
    "readme": RNN + GEMM + ["predict-textclassifier", "predict-forecaster", "generate-chars", "translate-beam5"],
    "all": list(TARGETS),
}
# The PyTorch script that has each benchmark (shared by PyTorch 1.13 and 2.6).
PYTORCH_SCRIPT = {
    **{name: "pytorch_rnn.py" for name in RNN},
    "fit-forecaster-daily-temps": "pytorch_forecaster.py",
    "fit-seq2seq-engrus-epoch": "pytorch_seq2seq.py",
    "translate-beam5": "pytorch_seq2seq.py",
    "fit-textclassifier-mr": "pytorch_textclassifier.py",
    "predict-textclassifier": "pytorch_textclassifier.py",
    "train-charlm": "pytorch_charlm.py",
    "generate-chars": "pytorch_charlm.py",
}
ONNX_BENCHMARKS = ["infer-lstm-b1-t50-i1-h64", "infer-gru-b256-t50-i32-h128", "predict-textclassifier"]
OURS_DEFAULT, OURS_ONE = "ours, default threads", "ours, 1 thread"


def has_avx512():
    with open("/proc/cpuinfo") as cpuinfo:
        return any(line.startswith("flags") and " avx512f" in line for line in cpuinfo)


def unpinned_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env.update(extra)
    return env


def trixie_available():
    return os.path.exists(TRIXIE) and os.path.exists(os.path.join(TRIXIE_ROOT, "usr", "bin", "python3")) and os.geteuid() == 0


def in_trixie(command):
    return ["bash", TRIXIE, "run", "env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE"] + command


class Side:
    """One side of the comparison: how to run a benchmark on it and how to label its records."""

    def __init__(self, label, command, names, env=None, label_threads=False, all_at_once=False):
        self.label, self.command, self.names, self.env = label, command, set(names), env
        self.label_threads, self.all_at_once, self.pending = label_threads, all_at_once, {}

    def run(self, name):
        """Runs the side on one benchmark (a side that runs all of its benchmarks at once, once per round)."""
        if self.all_at_once and name in self.pending:
            return [self.pending.pop(name)]
        result = subprocess.run(self.command(name), cwd=ROOT, env=self.env, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"warning: {self.label} failed on {name}: {result.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return []
        records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        for record in records:
            record["side"] = self.label + (f" ({record['threads']} thread{'s' if record['threads'] > 1 else ''})"
                                           if self.label_threads else "")
        if self.all_at_once:
            self.pending = {r["name"]: r for r in records if r["name"] in self.names and r["name"] != name}
        return [r for r in records if r["name"] == name]


def build(project):
    subprocess.run(["dotnet", "build", "-c", "Release", project], cwd=ROOT, capture_output=True, check=True)
    return os.path.join(project, "bin", "Release", "net10.0", os.path.basename(project) + ".dll")


def sides(selected, skip_peers, onnx_dir):
    harness = ["dotnet", build(HARNESS)]
    result = [
        Side(OURS_DEFAULT, lambda n: harness + ["--only", n], selected),
        Side(OURS_ONE, lambda n: harness + ["--only", n, "--threads", "1"], selected),
    ]
    if skip_peers:
        return result
    debian_env = unpinned_env(**({"OPENBLAS_CORETYPE": "SkylakeX"} if has_avx512() else {}))
    pytorch = [n for n in selected if n in PYTORCH_SCRIPT]
    gemm = [n for n in selected if n in GEMM]
    onnx = [n for n in selected if n in ONNX_BENCHMARKS]
    script = lambda n: os.path.join(PEERS, PYTORCH_SCRIPT[n])
    sgemm = os.path.join(PEERS, "numpy_sgemm.py")
    result += [
        Side("PyTorch 1.13", lambda n: ["/usr/bin/python3", script(n), "--only", n], pytorch, debian_env),
        Side("numpy, OpenBLAS 0.3.21", lambda n: ["/usr/bin/python3", sgemm], gemm, debian_env, all_at_once=True),
    ]
    if trixie_available():
        torchsharp = ["dotnet", build(TORCHSHARP)]
        result += [
            Side("PyTorch 2.6", lambda n: in_trixie(["python3", script(n), "--only", n]), pytorch),
            Side("numpy, OpenBLAS 0.3.29", lambda n: in_trixie(["python3", sgemm]), gemm, all_at_once=True),
            Side("TorchSharp 0.107", lambda n: in_trixie(torchsharp + ["--only", n]), [n for n in selected if n in RNN]),
        ]
    else:
        print(f"note: the Debian 13 peers are not set up ({TRIXIE} setup, as root): no PyTorch 2.6 or TorchSharp", file=sys.stderr)
    if onnx:
        ort = ["dotnet", build(ONNXRUNTIME), onnx_dir]
        result.append(Side("ONNX Runtime 1.32", lambda n: ort + ["--only", n], onnx, label_threads=True))
    return result


def export_onnx(onnx_dir, selected):
    """Writes the ONNX models of the ONNX Runtime peer (the recurrent layers, and the text classifier when named)."""
    subprocess.run(["/usr/bin/python3", os.path.join(PEERS, "export_onnx_rnn.py"), onnx_dir], cwd=ROOT,
                   capture_output=True, check=True)
    if "predict-textclassifier" in selected:
        harness = ["dotnet", build(HARNESS)]
        result = subprocess.run(harness + ["--export-onnx", onnx_dir], cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            print("note: the harness could not export the text classifier to ONNX: " + result.stderr.strip()[-200:],
                  file=sys.stderr)


def compared_field(record):
    return TARGETS.get(record["name"], (next(k for k in record if k not in ("name", "kind", "threads", "peer", "side")), True, None))


def fmt(value):
    return "" if value is None else f"{value:,.2f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--suite", choices=sorted(SUITES), default="readme")
    parser.add_argument("--only", help="comma-separated benchmark names (instead of --suite)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--json", help="also write every record of every round to this file")
    args = parser.parse_args()
    selected = args.only.split(",") if args.only else SUITES[args.suite]

    onnx_dir = tempfile.mkdtemp(prefix="recurrent-onnx-")
    try:
        if not args.skip_peers:
            export_onnx(onnx_dir, selected)
        runners = sides(selected, args.skip_peers, onnx_dir)
        samples, kernels, records = {}, {}, []
        for round_index in range(args.rounds):
            for name in selected:
                for side in runners:
                    if name not in side.names:
                        continue
                    for record in side.run(name):
                        record["round"] = round_index
                        records.append(record)
                        field = compared_field(record)[0]
                        samples.setdefault((record["side"], name), []).append(record[field])
                        if "kernel" in record:
                            kernels[record["side"]] = record["kernel"]
            print(f"round {round_index + 1}/{args.rounds} done", file=sys.stderr)
    finally:
        shutil.rmtree(onnx_dir, ignore_errors=True)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(records, out, indent=1)

    median = {key: statistics.median(values) for key, values in samples.items()}
    field_of = {r["name"]: compared_field(r) for r in records}
    peer_sides = [s for s in dict.fromkeys(r["side"] for r in records) if s not in (OURS_DEFAULT, OURS_ONE)]
    print(f"| benchmark | field | {OURS_DEFAULT} | {OURS_ONE} | best peer | peer | ratio | target | met |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in selected:
        if (OURS_DEFAULT, name) not in median:
            continue
        field, higher, target = field_of[name]
        ours = median[(OURS_DEFAULT, name)]
        peers = [(median[(s, name)], s) for s in peer_sides if (s, name) in median]
        best = (max if higher else min)(peers) if peers else None
        ratio = None if best is None else (ours / best[0] if higher else best[0] / ours)
        if target is None:
            goal, met = "", ""
        elif target[0] == "ratio":
            goal, met = f"≥ {target[1]}×", "" if ratio is None else ("yes" if ratio >= target[1] else "NO")
        else:
            goal, met = f"≤ {target[1]}", "yes" if ours <= target[1] else "NO"
        one = median.get((OURS_ONE, name))
        allocated = [r["allocated_bytes_per_step"] for r in records if r["name"] == name and "allocated_bytes_per_step" in r]
        extra = f" ({max(allocated):.0f} B/step)" if allocated else ""
        print(f"| {name} | {field} | {fmt(ours)}{extra} | {fmt(one)} | {best[1] if best else ''} | "
              f"{fmt(best[0]) if best else ''} | {fmt(ratio)} | {goal} | {met} |")

    if peer_sides:
        print()
        print("| benchmark | " + " | ".join(peer_sides) + " |")
        print("|---|" + "---|" * len(peer_sides))
        for name in selected:
            cells = [fmt(median.get((s, name))) for s in peer_sides]
            if any(cells):
                print(f"| {name} | " + " | ".join(cells) + " |")
        print()
        for side in peer_sides:
            if side in kernels:
                print(f"- {side}: {kernels[side]}")


if __name__ == "__main__":
    main()
