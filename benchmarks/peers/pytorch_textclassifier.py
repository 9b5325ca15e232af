#!/usr/bin/env python3
"""PyTorch peer of the `fit-textclassifier-mr` and `predict-textclassifier` benchmarks.

The same model as the default TextClassifier: lowercased word and punctuation tokens, a vocabulary of every training
token plus four special rows (padding 0, unknown 1), Embedding(V, 128, padding_idx=0) initialised N(0, 0.1²), dropout 0.5, a bidirectional
LSTM(128 -> 128) over packed variable-length batches, max pooling over each sentence's valid steps, dropout 0.5,
Linear(256, 2), cross-entropy, Adam (lr 0.002), clip_grad_norm_(5).

- fit-textclassifier-mr: `seconds` is one epoch over all 10,662 MR sentences in length-bucketed batches of 64 (the
  indices shuffled, cut into buckets of 50 batches, sorted by length within each bucket and cut into batches, the
  batch order shuffled), the faster of two epochs as on the C# side.
- predict-textclassifier: `us_per_call` is one MR sentence of median length from raw text to class probabilities
  (tokenize, look up ids, forward in evaluation mode under torch.no_grad(), softmax), a model trained one epoch.

Each is timed at PyTorch's best thread setting on this 2-core machine (1 thread, or 2 threads with
OPENBLAS_NUM_THREADS=1, each in its own process) and the faster is reported.

Usage: /usr/bin/python3 benchmarks/peers/pytorch_textclassifier.py [--only NAME]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "examples", "data", "rt-polarity")
NAMES = ("fit-textclassifier-mr", "predict-textclassifier")
EMBEDDING, HIDDEN, DROPOUT, BATCH, LR, CLIP, BUCKET_BATCHES = 128, 128, 0.5, 64, 2e-3, 5.0, 50
TOKEN = re.compile(r"\w+|[^\w\s]")


def load():
    texts, labels = [], []
    for name, label in (("rt-polarity.neg", 0), ("rt-polarity.pos", 1)):
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            lines = [line.rstrip("\r\n") for line in f]
        texts += lines
        labels += [label] * len(lines)
    return texts, labels


def tokenize(text):
    return TOKEN.findall(text.lower())


def median_sentence(texts):
    counts = [len(t.split()) for t in texts]
    median = sorted(counts)[len(counts) // 2]
    return texts[counts.index(median)]


def build(torch):
    nn = torch.nn

    class Classifier(nn.Module):
        def __init__(self, vocabulary):
            super().__init__()
            self.embedding = nn.Embedding(vocabulary, EMBEDDING, padding_idx=0)
            with torch.no_grad():
                self.embedding.weight.normal_(0, 0.1)[0].zero_()
            self.dropout = nn.Dropout(DROPOUT)
            self.lstm = nn.LSTM(EMBEDDING, HIDDEN, bidirectional=True)
            self.head = nn.Linear(2 * HIDDEN, 2)

        def forward(self, ids, lengths):
            """ids [time, batch] padded with 0, lengths (a CPU tensor) sorted or not."""
            embedded = self.dropout(self.embedding(ids))
            if ids.shape[1] == 1:  # a single sentence has no padding: no packing needed
                output, _ = self.lstm(embedded)
            else:
                packed = nn.utils.rnn.pack_padded_sequence(embedded, lengths, enforce_sorted=False)
                output, _ = nn.utils.rnn.pad_packed_sequence(self.lstm(packed)[0], padding_value=float("-inf"))
            return self.head(self.dropout(output.max(dim=0).values))

    return Classifier


def batches(lengths, rng):
    order = rng.permutation(len(lengths))
    size = BATCH * BUCKET_BATCHES
    result = []
    for start in range(0, len(order), size):
        bucket = sorted(order[start:start + size], key=lambda i: lengths[i])
        result += [bucket[k:k + BATCH] for k in range(0, len(bucket), BATCH)]
    rng.shuffle(result)
    return result


def child(name, threads):
    import numpy as np
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    texts, labels = load()
    tokens = [tokenize(t) for t in texts]
    vocabulary = {}
    for sentence in tokens:
        for token in sentence:
            vocabulary.setdefault(token, len(vocabulary) + 4)
    ids = [[vocabulary[t] for t in sentence] for sentence in tokens]
    lengths = [len(s) for s in ids]
    model = build(torch)(len(vocabulary) + 4)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    loss_function = torch.nn.CrossEntropyLoss()
    rng = np.random.default_rng(1)
    target = torch.tensor(labels)

    def epoch():
        model.train()
        start = time.perf_counter()
        for batch in batches(lengths, rng):
            steps = max(lengths[i] for i in batch)
            padded = torch.zeros(steps, len(batch), dtype=torch.long)
            for b, i in enumerate(batch):
                padded[:lengths[i], b] = torch.tensor(ids[i])
            optimizer.zero_grad()
            loss = loss_function(model(padded, torch.tensor([lengths[i] for i in batch])), target[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            optimizer.step()
        return time.perf_counter() - start

    if name == "fit-textclassifier-mr":
        seconds = [epoch() for _ in range(2)]
        return {"seconds": min(seconds), "first_epoch_seconds": seconds[0], "sentences": len(texts)}

    epoch()
    model.eval()
    sentence = median_sentence(texts)

    def predict():
        with torch.no_grad():
            sequence = [vocabulary.get(t, 1) for t in tokenize(sentence)]
            logits = model(torch.tensor(sequence).unsqueeze(1), torch.tensor([len(sequence)]))
            return torch.softmax(logits, dim=1)[0].tolist()

    for _ in range(20):
        predict()
    samples = []
    for _ in range(5):
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < 0.5:
            predict()
            calls += 1
        samples.append((time.perf_counter() - start) / calls)
    return {"us_per_call": sorted(samples)[2] * 1e6, "tokens": len(tokenize(sentence))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="run only this benchmark (for benchmarks/compare.py)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import blas_kernel
        print(json.dumps({**child(args.child[0], int(args.child[1])), "kernel": blas_kernel.describe()}))
        return
    import torch
    field = {"fit-textclassifier-mr": "seconds", "predict-textclassifier": "us_per_call"}
    for name in NAMES:
        if args.only and args.only != name:
            continue
        best = None
        for threads, env in ((1, {}), (2, {"OPENBLAS_NUM_THREADS": "1"})):
            out = subprocess.run([sys.executable, __file__, "--child", name, str(threads)],
                                 env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout
            fields = json.loads(out.strip().splitlines()[-1])
            if best is None or fields[field[name]] < best[1][field[name]]:
                best = (threads, fields)
        record = {"name": name, "kind": "fit" if name.startswith("fit") else "predict", "peer": "pytorch-" + torch.__version__,
                  "threads": best[0], **{k: round(v, 3) if isinstance(v, float) else v for k, v in best[1].items()}}
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
