#!/usr/bin/env python3
"""Generates PyTorch reference data for the loss parity tests (tests/.../Losses/LossPyTorchParityTests.cs).

Run with Debian's PyTorch (python3-torch 1.13):  /usr/bin/python3 generate_losses.py
Each case draws float32-representable inputs, evaluates the loss in float64 with torch.nn (MSELoss, L1Loss,
HuberLoss, CrossEntropyLoss, BCEWithLogitsLoss) and writes <case>.json holding the inputs, the mean loss and its
gradient with respect to the predictions/logits (plus the softmax for cross-entropy). Cases with per-element
weights use the engine's weighted mean, sum(w * loss_none) / sum(w), built from the module's reduction='none'
output; the quantile (pinball) loss has no torch.nn module and is written out from its definition.
"""
import json
import torch
import torch.nn.functional as F


def f32(t):
    return t.float().double()


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def weighted_mean(loss_none, weights):
    return (loss_none * weights).sum() / weights.sum()


def mask_weights(shape):
    # Mix of ignored (0), unit and non-unit weights.
    choice = torch.randint(0, 4, shape)
    return torch.tensor([0.0, 1.0, 2.5, 0.5], dtype=torch.float64)[choice]


def regression(kind, shape, scale=1.0, weighted=False, delta=None, ties=0):
    p = f32(scale * torch.randn(shape)).requires_grad_()
    y = f32(scale * torch.randn(shape))
    if ties:
        y.view(-1)[:ties] = p.detach().view(-1)[:ties]  # exact equality: L1's gradient is 0 there
    if kind == "mse":
        module = torch.nn.MSELoss(reduction="none")
    elif kind == "l1":
        module = torch.nn.L1Loss(reduction="none")
    else:
        module = torch.nn.HuberLoss(reduction="none", delta=delta)
    w = mask_weights(shape) if weighted else None
    loss = weighted_mean(module(p, y), w) if weighted else module(p, y).mean()
    loss.backward()
    case = {"kind": kind, "shape": list(shape), "predictions": flat(p), "targets": flat(y),
            "weights": flat(w) if weighted else None, "loss": float(loss), "gradient": flat(p.grad)}
    if delta is not None:
        case["delta"] = delta
    return case


def quantile(shape, quantiles, weighted=False):
    p = f32(torch.randn(*shape, len(quantiles))).requires_grad_()
    y = f32(torch.randn(shape))
    q = torch.tensor(quantiles, dtype=torch.float64).float().double()
    e = y.unsqueeze(-1) - p
    per_element = torch.max(q * e, (q - 1) * e).mean(-1)
    w = mask_weights(shape) if weighted else None
    loss = weighted_mean(per_element, w) if weighted else per_element.mean()
    loss.backward()
    return {"kind": "quantile", "shape": list(p.shape), "quantiles": flat(q), "predictions": flat(p), "targets": flat(y),
            "weights": flat(w) if weighted else None, "loss": float(loss), "gradient": flat(p.grad)}


def cross_entropy(n, c, ignore_index=-100, ignored_rows=(), label_smoothing=0.0, class_weights=False,
                  scale=2.0, row_offsets=None):
    z = scale * torch.randn(n, c)
    if row_offsets:
        for row, offset in row_offsets.items():
            z[row] += offset  # far outside exp's float range: needs the max-shifted log-softmax
    z = f32(z).requires_grad_()
    labels = torch.randint(0, c, (n,))
    for row in ignored_rows:
        labels[row] = ignore_index
    weight = f32(torch.rand(c) * 2.0 + 0.1) if class_weights else None
    module = torch.nn.CrossEntropyLoss(weight=weight, ignore_index=ignore_index, label_smoothing=label_smoothing)
    loss = module(z, labels)
    loss.backward()
    return {"kind": "cross_entropy", "shape": [n, c], "logits": flat(z), "labels": labels.tolist(),
            "ignore_index": ignore_index, "label_smoothing": label_smoothing,
            "class_weights": flat(weight) if weight is not None else None,
            "loss": float(loss), "gradient": flat(z.grad), "probabilities": flat(torch.softmax(z, dim=1))}


def bce(shape, pos_weight=None, weighted=False):
    x = 3.0 * torch.randn(shape)
    x.view(-1)[0], x.view(-1)[1], x.view(-1)[2] = 30.0, -30.0, 0.0  # saturated and zero logits
    x = f32(x).requires_grad_()
    y = torch.randint(0, 2, shape).double()
    y.view(-1)[3:6] = torch.tensor([0.3, 0.75, 0.5], dtype=torch.float64).float().double()  # soft targets
    pw = torch.tensor(pos_weight, dtype=torch.float64) if pos_weight is not None else None
    module = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=pw)
    w = mask_weights(shape) if weighted else None
    loss = weighted_mean(module(x, y), w) if weighted else module(x, y).mean()
    loss.backward()
    return {"kind": "bce", "shape": list(shape), "logits": flat(x), "targets": flat(y),
            "weights": flat(w) if weighted else None, "pos_weight": pos_weight if pos_weight is not None else 1.0,
            "loss": float(loss), "gradient": flat(x.grad)}


CASES = [
    ("mse", lambda: regression("mse", (3, 4, 5))),
    ("mse_weighted", lambda: regression("mse", (7, 9), weighted=True)),
    ("l1", lambda: regression("l1", (7, 9), ties=3)),
    ("l1_weighted", lambda: regression("l1", (3, 4, 5), weighted=True, ties=2)),
    ("huber_delta1", lambda: regression("huber", (6, 11), scale=1.5, delta=1.0)),
    ("huber_delta0_5_weighted", lambda: regression("huber", (5, 13), scale=1.0, delta=0.5, weighted=True)),
    ("quantile", lambda: quantile((5, 6), [0.1, 0.5, 0.9])),
    ("quantile_weighted", lambda: quantile((4, 3, 2), [0.05, 0.25, 0.5, 0.75, 0.95], weighted=True)),
    ("cross_entropy", lambda: cross_entropy(6, 5)),
    ("cross_entropy_ignore_index", lambda: cross_entropy(7, 5, ignored_rows=(1, 4))),
    ("cross_entropy_ignore_class0", lambda: cross_entropy(9, 4, ignore_index=0)),
    ("cross_entropy_label_smoothing", lambda: cross_entropy(6, 5, label_smoothing=0.1)),
    ("cross_entropy_class_weights", lambda: cross_entropy(6, 5, class_weights=True)),
    ("cross_entropy_combined", lambda: cross_entropy(8, 7, ignored_rows=(0, 5), label_smoothing=0.1, class_weights=True)),
    ("cross_entropy_wide_combined", lambda: cross_entropy(6, 301, ignored_rows=(3,), label_smoothing=0.1, class_weights=True, scale=4.0)),
    ("cross_entropy_extreme_logits", lambda: cross_entropy(5, 67, label_smoothing=0.1, row_offsets={0: 1000.0, 1: -1000.0})),
    ("bce", lambda: bce((4, 7))),
    ("bce_pos_weight", lambda: bce((5, 9), pos_weight=2.5)),
    ("bce_pos_weight_weighted", lambda: bce((3, 11), pos_weight=0.7, weighted=True)),
]


if __name__ == "__main__":
    print("torch", torch.__version__)
    torch.set_default_dtype(torch.float64)
    for i, (name, make) in enumerate(CASES):
        torch.manual_seed(2000 + i)
        case = make()
        case["name"] = name
        with open(f"{name}.json", "w") as f:
            json.dump(case, f)
        print(f"{name}: loss {case['loss']:.6f}")
