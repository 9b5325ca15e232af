#!/usr/bin/env python3
"""PyTorch peer of the character language model (src/Microsoft.ML.Recurrent.TextGeneration).

The same network and training as CharLanguageModel's defaults: tinyshakespeare, the first 90% for training and the
last 10% for validation; an alphabet of the training characters plus the four special ids (as the C# vocabulary);
embedding 64 -> 2-layer LSTM, hidden 512, dropout 0.2 between the layers and before the output layer -> linear layer;
stateful truncated BPTT over 32 contiguous streams in windows of 100 characters, the hidden state carried (detached)
from window to window, every epoch after the first shifted by a random offset below 100; Adam (lr 2e-3, x0.9 per
epoch), gradient clipping at 5; after every epoch the validation text is scored like the C# TextScorer (64 streams over
contiguous segments, each first reading the 256 characters before its segment unscored, chunks of 256); early stopping
after 3 epochs without improvement; a wall-clock budget checked after every batch (the epoch in progress then ends,
is validated and training stops).

Two modes:
  Benchmarks (default): `train-charlm` (tokens_per_s of one training step) and `generate-chars` (chars_per_s of
  step-by-step sampling, batch 1, temperature 1, 200 characters from "ROMEO:"), each at PyTorch's best thread setting on
  this 2-core machine (1 thread, or 2 threads with OPENBLAS_NUM_THREADS=1, each in its own process).
      /usr/bin/python3 benchmarks/peers/pytorch_charlm.py [--only NAME]
  Quality: train for a wall-clock budget and print one JSON line per epoch and a final line with the best validation loss.
      OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/peers/pytorch_charlm.py --train-minutes 20 --threads 2
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

from pytorch_rnn import seconds_per_call  # same timing as the engine benchmarks

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "examples", "data", "tinyshakespeare", "input.txt")
EMBEDDING, HIDDEN, LAYERS, DROPOUT = 64, 512, 2, 0.2
BATCH, STEPS, LR, DECAY, CLIP, PATIENCE = 32, 100, 2e-3, 0.9, 5.0, 3
EVAL_STREAMS, WARM_UP, MIN_SEGMENT, CHUNK, SPECIALS = 64, 256, 1024, 256, 4
BENCHMARKS = ["train-charlm", "generate-chars"]


def load():
    text = open(DATA, encoding="utf-8").read()
    cut = int(len(text) * 0.9)
    train, valid = text[:cut], text[cut:]
    counts = {}
    for ch in train:
        counts[ch] = counts.get(ch, 0) + 1
    alphabet = sorted(counts, key=lambda c: (-counts[c], c))
    ids = {c: i + SPECIALS for i, c in enumerate(alphabet)}
    encode = lambda s: [ids.get(c, 1) for c in s]  # 1 = unknown, as in the C# vocabulary
    return encode(train), encode(valid), len(alphabet) + SPECIALS


def network(torch, vocabulary):
    class CharLm(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = torch.nn.Embedding(vocabulary, EMBEDDING)
            self.lstm = torch.nn.LSTM(EMBEDDING, HIDDEN, LAYERS, dropout=DROPOUT)
            self.dropout = torch.nn.Dropout(DROPOUT)
            self.head = torch.nn.Linear(HIDDEN, vocabulary)

        def forward(self, x, state):
            out, state = self.lstm(self.embedding(x), state)
            return self.head(self.dropout(out)), state

    return CharLm()


def score(torch, model, ids):
    """Mean nats per character of ids[1:], as the C# TextScorer lays it out."""
    predictions = len(ids) - 1
    streams = min(max(predictions // MIN_SEGMENT, 1), EVAL_STREAMS)
    segment = -(-predictions // streams)
    streams = -(-predictions // segment)
    steps = min(predictions, segment + WARM_UP)
    inputs = torch.zeros(steps, streams, dtype=torch.long)
    labels = torch.full((steps, streams), -1, dtype=torch.long)
    source = torch.tensor(ids)
    for b in range(streams):
        start_score, end = b * segment, min(predictions, (b + 1) * segment)
        start = max(0, start_score - WARM_UP)
        n = end - start
        inputs[:n, b] = source[start:end]
        labels[start_score - start:n, b] = source[start_score + 1:end + 1]
    model.eval()
    total, state = 0.0, None
    with torch.no_grad():
        for first in range(0, steps, CHUNK):
            logits, state = model(inputs[first:first + CHUNK], state)
            total += torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), labels[first:first + CHUNK].reshape(-1), ignore_index=-1, reduction="sum").item()
    model.train()
    return total / predictions


class Streams:
    def __init__(self, torch, ids):
        self.ids = torch.tensor(ids)
        self.length = (len(ids) - STEPS) // BATCH
        self.windows = self.length // STEPS
        self.offset = 0

    def window(self, w):
        starts = self.offset + self.ids.new_tensor(range(BATCH)) * self.length + w * STEPS
        index = starts[None, :] + self.ids.new_tensor(range(STEPS))[:, None]
        return self.ids[index], self.ids[index + 1]


def train(minutes, threads, seed):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = torch.Generator().manual_seed(seed)
    train_ids, valid_ids, vocabulary = load()
    model = network(torch, vocabulary)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    streams = Streams(torch, train_ids)
    budget, clock = minutes * 60, time.perf_counter()
    best, best_epoch, since_best, epoch, used = math.inf, 0, 0, 0, False
    while not used:
        epoch += 1
        for group in optimizer.param_groups:
            group["lr"] = LR * DECAY ** (epoch - 1)
        streams.offset = 0 if epoch == 1 else int(torch.randint(STEPS, (1,), generator=rng))
        state, losses, started = None, [], time.perf_counter()
        for w in range(streams.windows):
            x, y = streams.window(w)
            optimizer.zero_grad()
            logits, state = model(x, state)
            state = tuple(s.detach() for s in state)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, vocabulary), y.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            optimizer.step()
            losses.append(loss.item())
            if time.perf_counter() - clock >= budget:
                used = True
                break
        validation = score(torch, model, valid_ids)
        if validation < best:
            best, best_epoch, since_best = validation, epoch, 0
        else:
            since_best += 1
        print(json.dumps({"epoch": epoch, "train": round(sum(losses) / len(losses), 4), "validation": round(validation, 4),
                          "windows": len(losses), "epoch_s": round(time.perf_counter() - started, 1),
                          "total_s": round(time.perf_counter() - clock, 1)}), flush=True)
        if since_best >= PATIENCE:
            break
    print(json.dumps({"name": "charlm-quality", "peer": "pytorch-" + torch.__version__, "threads": threads,
                      "best_validation_nats": round(best, 4), "best_epoch": best_epoch, "epochs": epoch,
                      "seconds": round(time.perf_counter() - clock, 1)}), flush=True)


def measure(name):
    import torch
    torch.manual_seed(1)
    train_ids, _, vocabulary = load()
    model = network(torch, vocabulary)
    if name == "train-charlm":
        optimizer = torch.optim.Adam(model.parameters(), lr=LR)
        streams = Streams(torch, train_ids)
        carried = {"state": None, "w": 0}

        def step():
            x, y = streams.window(carried["w"] % streams.windows)
            carried["w"] += 1
            optimizer.zero_grad()
            logits, state = model(x, carried["state"])
            carried["state"] = tuple(s.detach() for s in state)
            torch.nn.functional.cross_entropy(logits.reshape(-1, vocabulary), y.reshape(-1)).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            optimizer.step()

        s = seconds_per_call(step, round_seconds=2.0)
        return {"tokens_per_s": BATCH * STEPS / s, "ms_per_step": s * 1e3}
    model.eval()
    prefix = torch.tensor([train_ids[0]] * 6)  # six characters of context, like "ROMEO:"

    def generate():
        with torch.no_grad():
            logits, state = model(prefix[:, None], None)
            for _ in range(200):
                nxt = torch.multinomial(torch.softmax(logits[-1, 0, SPECIALS:], -1), 1) + SPECIALS
                logits, state = model(nxt[:, None], state)

    s = seconds_per_call(generate, round_seconds=1.0)
    return {"chars_per_s": 200 / s, "us_per_char": s * 1e6 / 200}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only")
    parser.add_argument("--train-minutes", type=float)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("NAME", "THREADS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.train_minutes:
        train(args.train_minutes, args.threads, args.seed)
        return
    if args.child:
        import torch
        torch.set_num_threads(int(args.child[1]))
        print(json.dumps(measure(args.child[0])))
        return
    import torch
    for name in BENCHMARKS:
        if args.only and args.only != name:
            continue
        best = None
        for threads, env in ((1, {}), (2, {"OPENBLAS_NUM_THREADS": "1"})):
            out = subprocess.run([sys.executable, __file__, "--child", name, str(threads)],
                                 env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout
            fields = json.loads(out.strip().splitlines()[-1])
            speed = fields.get("tokens_per_s") or fields["chars_per_s"]
            if best is None or speed > best[0]:
                best = (speed, threads, fields)
        record = {"name": name, "kind": "train" if name.startswith("train") else "generate", "peer": "pytorch-" + torch.__version__, "threads": best[1]}
        record.update({k: round(v, 3) for k, v in best[2].items()})
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
