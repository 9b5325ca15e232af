#!/usr/bin/env python3
"""Reference values for ClassificationMetrics, computed with Debian's scikit-learn (python3-sklearn 1.2).

Usage: /usr/bin/python3 generate_metrics.py > metrics.json

Each case holds labels, float32 class probabilities (rows sum to 1 in float32 up to rounding) and scikit-learn's
accuracy_score, f1_score(average="macro"), log_loss (eps 1e-15), roc_auc_score on class 1 (binary cases) and
confusion_matrix (rows: true class, columns: predicted class). The predicted class is the arg max (the first on a
tie), as numpy's argmax.
"""
import json

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, log_loss, roc_auc_score


def case(name, labels, probabilities):
    labels = np.asarray(labels)
    p = np.asarray(probabilities, dtype=np.float32)
    classes = p.shape[1]
    predicted = p.argmax(axis=1)
    record = {
        "name": name,
        "classCount": classes,
        "labels": labels.tolist(),
        "probabilities": [[float(v) for v in row] for row in p],
        "accuracy": accuracy_score(labels, predicted),
        "macroF1": f1_score(labels, predicted, average="macro", labels=sorted(set(labels) | set(predicted)), zero_division=0),
        "logLoss": log_loss(labels, p.astype(np.float64), labels=list(range(classes)), eps=1e-15),
        "confusion": confusion_matrix(labels, predicted, labels=list(range(classes))).tolist(),
    }
    if classes == 2:
        record["auc"] = roc_auc_score(labels, p[:, 1].astype(np.float64))
    return record


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def main():
    rng = np.random.default_rng(5)
    cases = []

    # Binary, noisy scores correlated with the label.
    labels = rng.integers(0, 2, 60)
    logits = np.stack([np.zeros(60), 1.5 * (labels - 0.5) + rng.normal(0, 1, 60)], axis=1)
    cases.append(case("binary", labels, softmax(logits)))

    # Binary with tied scores (AUC mid-ranks) and a confident mistake (log-loss clamping region).
    labels = [0, 1, 1, 0, 1, 0, 1, 0]
    p1 = [0.5, 0.5, 0.8, 0.8, 0.2, 0.2, 0.999, 1e-7]
    cases.append(case("binary-ties", labels, [[1 - v, v] for v in p1]))

    # Four classes, one of which never occurs among labels nor predictions.
    labels = rng.integers(0, 3, 80)
    logits = rng.normal(0, 1, (80, 4))
    logits[np.arange(80), labels] += 1.2
    logits[:, 3] -= 4
    cases.append(case("multiclass-absent-class", labels, softmax(logits)))

    # Six classes, a class predicted but never true.
    labels = rng.integers(0, 5, 50)
    logits = rng.normal(0, 1.5, (50, 6))
    logits[np.arange(50), labels] += 1.0
    logits[:3, 5] += 10
    cases.append(case("multiclass-six", labels, softmax(logits)))

    lines = ",\n".join("  " + json.dumps(c) for c in cases)
    print('{"generator": "scikit-learn %s", "cases": [\n%s\n]}' % (__import__("sklearn").__version__, lines))


if __name__ == "__main__":
    main()
