#!/usr/bin/env python3
"""PyTorch peer of the engine benchmarks (benchmarks/Microsoft.ML.Recurrent.Benchmarks).

Runs the same configurations on Debian's PyTorch (python3-torch, CPU, OpenBLAS) and prints one JSON
object per line with the same fields. Each configuration is timed at both of PyTorch's sensible thread
settings on this 2-core machine -- 1 thread, and 2 threads with OPENBLAS_NUM_THREADS=1 -- each in its own
process (OpenBLAS reads its variable at load time), and the faster result is reported.

Runs unchanged on PyTorch 2.6 inside the chroot of /work/shared/peers/trixie-peers.sh. Each record names the BLAS
kernel that ran (see blas_kernel.py).

Usage: /usr/bin/python3 benchmarks/peers/pytorch_rnn.py [--only NAME]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

# name, kind, cell, batch, steps, inputs, hidden, layers, bidirectional
CONFIGS = [
    ("train-lstm-b64-t50-i32-h128", "train", "LSTM", 64, 50, 32, 128, 1, False),
    ("train-gru-b64-t50-i32-h128", "train", "GRU", 64, 50, 32, 128, 1, False),
    ("train-lstm-b64-t50-i32-h512", "train", "LSTM", 64, 50, 32, 512, 1, False),
    ("train-bilstm2-b64-t40-i128-h128", "train", "LSTM", 64, 40, 128, 128, 2, True),
    ("train-lstm-b32-t24-i1-h64", "train", "LSTM", 32, 24, 1, 64, 1, False),
    ("infer-lstm-b1-t50-i1-h64", "infer", "LSTM", 1, 50, 1, 64, 1, False),
    ("infer-gru-b256-t50-i32-h128", "infer", "GRU", 256, 50, 32, 128, 1, False),
    ("stream-gru-i32-h128", "stream", "GRU", 1, 1, 32, 128, 1, False),
]


def seconds_per_call(fn, round_seconds=1.0, rounds=5, warmup=3):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(rounds):
        calls, start = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= round_seconds:
                break
        samples.append(elapsed / calls)
    return statistics.median(samples)


def measure(config):
    import torch
    name, kind, cell, batch, steps, inputs, hidden, layers, bidirectional = config
    torch.manual_seed(1)
    if kind == "stream":
        step_cell = getattr(torch.nn, cell + "Cell")(inputs, hidden)
        x, h = torch.randn(1, inputs), torch.zeros(1, hidden)
        with torch.no_grad():
            s = seconds_per_call(lambda: step_cell(x, h), round_seconds=0.4)
        return {"us_per_step": s * 1e6}
    module = getattr(torch.nn, cell)(inputs, hidden, num_layers=layers, bidirectional=bidirectional)
    x = torch.randn(steps, batch, inputs)
    if kind == "infer":
        with torch.no_grad():
            s = seconds_per_call(lambda: module(x), round_seconds=0.4)
        return {"us_per_call": s * 1e6, "sequences_per_s": batch / s}
    head = torch.nn.Linear(hidden * (2 if bidirectional else 1), 1)
    params = list(module.parameters()) + list(head.parameters())
    optimizer = torch.optim.Adam(params, lr=1e-3)
    y = torch.randn(batch, 1)

    def step():
        optimizer.zero_grad()
        out, _ = module(x)
        loss = torch.nn.functional.mse_loss(head(out[-1]), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()

    s = seconds_per_call(step)
    return {"sequences_per_s": batch / s, "us_per_call": s * 1e6}


def child(name, threads):
    import torch
    import blas_kernel
    torch.set_num_threads(threads)
    config = next(c for c in CONFIGS if c[0] == name)
    print(json.dumps({**measure(config), "kernel": blas_kernel.describe()}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "THREADS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    import torch
    for config in CONFIGS:
        name, kind = config[0], config[1]
        if args.only and args.only != name:
            continue
        best = None
        for threads, env in ((1, {}), (2, {"OPENBLAS_NUM_THREADS": "1"})):
            out = subprocess.run(
                [sys.executable, __file__, "--child", name, str(threads)],
                env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout
            fields = json.loads(out.strip().splitlines()[-1])
            speed = fields.get("sequences_per_s") or 1.0 / fields.get("us_per_step", fields.get("us_per_call", 0))
            if best is None or speed > best[0]:
                best = (speed, threads, fields)
        record = {"name": name, "kind": kind, "peer": "pytorch-" + torch.__version__, "threads": best[1]}
        record.update({k: round(v, 3) if isinstance(v, float) else v for k, v in best[2].items()})
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
