#!/usr/bin/env python3
"""Bag-of-words baselines for the text classifier (examples/TextClassification), on the same splits.

Usage: /usr/bin/python3 benchmarks/peers/sklearn_text.py [--dataset mr|sms|trec]

Prints one JSON object per dataset and model:
  - count-lr: CountVectorizer (sklearn's default word tokens, lowercased) + LogisticRegression (C = 1).
  - featurize-lr: a stand-in for ML.NET's FeaturizeText (word 1-2-grams and character 3-grams, counts, each row
    L2-normalised) + LogisticRegression (C = 1); the C# wide-and-deep experiments use the same bag as extra features.

Splits (the same as the C# side, CrossValidation.AssignFolds with seed 1):
  - the indices 0..n-1 are shuffled by Fisher-Yates with the engine's RandomSource (xoshiro128**, seeded through
    SplitMix64, ported below), stably sorted by label, and the i-th index in that order goes to fold i mod k.
  - MR: rt-polarity.neg (label 0) then rt-polarity.pos (label 1), one sentence per line; 10 folds, mean accuracy.
  - SMS: file order, ham 0 / spam 1; 5 folds, fold 0 is the 20% test set.
  - TREC: the official TREC.train / TREC.test split, coarse labels in sorted order (ABBR, DESC, ENTY, HUM, LOC, NUM).
"""
import argparse
import json
import os
import time

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "examples", "data")
M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


class RandomSource:
    """Port of Microsoft.ML.Recurrent.Engine.Tensors.RandomSource (xoshiro128**), for identical shuffles."""

    def __init__(self, seed):
        state = ((seed & M32) + 0x9E3779B97F4A7C15) & M64
        self.s = []
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & M64
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            self.s.append((z ^ (z >> 31)) & M32)

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (32 - k))) & M32

    def next_uint(self):
        s0, s1, s2, s3 = self.s
        result = (self._rotl((s1 * 5) & M32, 7) * 9) & M32
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self._rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def next_int(self, max_exclusive):
        return (self.next_uint() * max_exclusive) >> 32

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_int(i + 1)
            items[i], items[j] = items[j], items[i]


def assign_folds(labels, k, seed=1):
    """CrossValidation.AssignFolds: seeded shuffle, stable sort by label, fold = position mod k."""
    order = list(range(len(labels)))
    RandomSource(seed).shuffle(order)
    order.sort(key=lambda i: labels[i])
    folds = [0] * len(labels)
    for position, index in enumerate(order):
        folds[index] = position % k
    return np.array(folds)


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n") for line in f]


def load_mr():
    neg = read_lines(os.path.join(DATA, "rt-polarity", "rt-polarity.neg"))
    pos = read_lines(os.path.join(DATA, "rt-polarity", "rt-polarity.pos"))
    return neg + pos, [0] * len(neg) + [1] * len(pos)


def load_sms():
    texts, labels = [], []
    for line in read_lines(os.path.join(DATA, "sms-spam", "SMSSpamCollection")):
        label, text = line.split("\t", 1)
        texts.append(text)
        labels.append(1 if label == "spam" else 0)
    return texts, labels


def load_trec(name):
    texts, labels = [], []
    for line in read_lines(os.path.join(DATA, "trec-questions", name)):
        label, text = line.split(" ", 1)
        texts.append(text)
        labels.append(label.split(":")[0])
    return texts, labels


def count_lr(train_texts, train_labels, test_texts):
    vectorizer = CountVectorizer()
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(vectorizer.fit_transform(train_texts), train_labels)
    return model.predict(vectorizer.transform(test_texts))


def featurize_lr(train_texts, train_labels, test_texts):
    words = CountVectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b|[^\w\s]", lowercase=True)
    chars = CountVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=True)

    def bag(texts, fit):
        w = words.fit_transform(texts) if fit else words.transform(texts)
        c = chars.fit_transform(texts) if fit else chars.transform(texts)
        return normalize(hstack([w, c]).tocsr())

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(bag(train_texts, True), train_labels)
    return model.predict(bag(test_texts, False))


MODELS = {"count-lr": count_lr, "featurize-lr": featurize_lr}


def report(dataset, model, accuracies, started, **extra):
    record = {"dataset": dataset, "model": model, "accuracy": round(float(np.mean(accuracies)), 4)}
    if len(accuracies) > 1:
        record["folds"] = [round(float(a), 4) for a in accuracies]
    record.update(extra)
    record["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(record), flush=True)


def run_mr():
    texts, labels = load_mr()
    folds = assign_folds(labels, 10)
    texts, labels = np.array(texts, dtype=object), np.array(labels)
    for name, fit_predict in MODELS.items():
        started = time.perf_counter()
        accuracies = []
        for k in range(10):
            train, test = folds != k, folds == k
            accuracies.append(np.mean(fit_predict(list(texts[train]), labels[train], list(texts[test])) == labels[test]))
        report("mr", name, accuracies, started, protocol="10-fold CV, seed 1")


def run_sms():
    texts, labels = load_sms()
    folds = assign_folds(labels, 5)
    texts, labels = np.array(texts, dtype=object), np.array(labels)
    train, test = folds != 0, folds == 0
    for name, fit_predict in MODELS.items():
        started = time.perf_counter()
        accuracy = np.mean(fit_predict(list(texts[train]), labels[train], list(texts[test])) == labels[test])
        report("sms", name, [accuracy], started, protocol="80/20 split (fold 0 of 5), seed 1")


def run_trec():
    train_texts, train_labels = load_trec("TREC.train")
    test_texts, test_labels = load_trec("TREC.test")
    for name, fit_predict in MODELS.items():
        started = time.perf_counter()
        accuracy = np.mean(fit_predict(train_texts, train_labels, test_texts) == np.array(test_labels))
        report("trec", name, [accuracy], started, protocol="official TREC.train / TREC.test, coarse labels")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", choices=["mr", "sms", "trec"])
    args = parser.parse_args()
    for name, run in (("mr", run_mr), ("sms", run_sms), ("trec", run_trec)):
        if args.dataset in (None, name):
            run()


if __name__ == "__main__":
    main()
