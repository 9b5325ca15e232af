#!/usr/bin/env python3
"""Generates PyTorch reference data for the optimiser, gradient-clipping and learning-rate-schedule tests.

Run with Debian's PyTorch (python3-torch 1.13):  /usr/bin/python3 generate_optim.py
Writes optim.json next to this script. Two parameters of different shapes ([6, 7] and [6]) start from
fixed values; each optimiser case applies the same 5 gradient sets (one per step, with an optional
per-step learning rate) and records both parameters after every step. Everything runs in float64 on
float32-representable inputs and hyperparameters, so the C# float32 engine should agree to float32 rounding.
"""
import json
import os

import numpy as np
import torch

SHAPES = {"weight": [6, 7], "bias": [6]}
STEPS = 5

# name, optimiser class, keyword arguments, per-step learning rates (None = constant lr from kwargs)
CASES = [
    ("sgd", "SGD", {"lr": 0.1}, None),
    ("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}, None),
    ("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}, None),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("sgd_momentum_weight_decay_nesterov", "SGD", {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.05, "nesterov": True}, None),
    ("adam", "Adam", {"lr": 0.01}, None),
    ("adam_weight_decay", "Adam", {"lr": 0.01, "weight_decay": 0.1}, None),
    ("adam_betas_epsilon", "Adam", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-3}, None),
    ("adam_lr_per_step", "Adam", {"lr": 0.01}, [0.01, 0.02, 0.005, 0.0, 0.03]),
    ("adamw", "AdamW", {"lr": 0.01, "weight_decay": 0.1}, None),
    ("adamw_default_decay", "AdamW", {"lr": 0.001}, None),
]

CLIP_CASES = [
    # name, max_norm, gradient set index (scaled by factor)
    ("clipped", 1.0, 0, 1.0),
    ("not_clipped", 100.0, 1, 1.0),
    ("tiny_gradients", 0.5, 2, 1e-3),
]


def f32(x):
    """Rounds a Python float or tensor to float32 and returns it in float64."""
    if isinstance(x, torch.Tensor):
        return x.float().double()
    return float(np.float32(x))


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def make_parameters():
    torch.manual_seed(7)
    return {n: f32(torch.empty(s).uniform_(-1.5, 1.5)) for n, s in SHAPES.items()}


def make_gradients():
    torch.manual_seed(11)
    sets = []
    for step in range(STEPS):
        # Vary the scale per step and per parameter so the adaptive optimisers see uneven moments.
        sets.append({n: f32(torch.randn(s) * (0.3 + 0.4 * step) * (2.0 if n == "bias" else 1.0)) for n, s in SHAPES.items()})
    return sets


def hyperparameters(kwargs):
    out = {}
    for k, v in kwargs.items():
        if k == "betas":
            out["beta1"], out["beta2"] = f32(v[0]), f32(v[1])
        elif k == "eps":
            out["epsilon"] = f32(v)
        elif k == "nesterov":
            out["nesterov"] = v
        elif k == "lr":
            out["learning_rate"] = f32(v)
        else:
            out[k] = f32(v)
    return out


def torch_kwargs(kwargs):
    out = {}
    for k, v in kwargs.items():
        if k == "betas":
            out[k] = (f32(v[0]), f32(v[1]))
        elif k == "nesterov":
            out[k] = v
        else:
            out[k] = f32(v)
    return out


DEFAULTS = {
    # PyTorch's defaults, spelled out so they are rounded to float32 like the C# defaults (0.999 != 0.999f).
    "SGD": {"momentum": 0.0, "weight_decay": 0.0, "nesterov": False},
    "Adam": {"betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0},
    "AdamW": {"betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 1e-2},
}


def run_case(initial, gradients, name, kind, kwargs, lrs):
    kwargs = dict(DEFAULTS[kind], **kwargs)
    params = [torch.nn.Parameter(initial[n].clone()) for n in SHAPES]
    optimizer = getattr(torch.optim, kind)(params, **torch_kwargs(kwargs))
    history = []
    for step in range(STEPS):
        if lrs is not None:
            for group in optimizer.param_groups:
                group["lr"] = f32(lrs[step])
        for p, n in zip(params, SHAPES):
            p.grad = gradients[step][n].clone()
        optimizer.step()
        history.append({n: flat(p) for p, n in zip(params, SHAPES)})
    return {
        "name": name, "optimizer": kind, "hyperparameters": hyperparameters(kwargs),
        "learning_rates": [f32(v) for v in lrs] if lrs is not None else None, "steps": history,
    }


def run_clip(gradients, name, max_norm, index, scale):
    params = [torch.nn.Parameter(torch.zeros(s, dtype=torch.float64)) for s in SHAPES.values()]
    for p, n in zip(params, SHAPES):
        p.grad = f32(gradients[index][n] * scale)
    before = {n: flat(p.grad) for p, n in zip(params, SHAPES)}
    total = torch.nn.utils.clip_grad_norm_(params, f32(max_norm))
    return {
        "name": name, "max_norm": f32(max_norm), "gradients": before, "total_norm": float(total),
        "clipped": {n: flat(p.grad) for p, n in zip(params, SHAPES)},
    }


def run_schedule(make, count, base_lr):
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))], lr=base_lr)
    scheduler = make(optimizer)
    rates = []
    for _ in range(count):
        rates.append(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
    return rates


def main():
    print("torch", torch.__version__)
    initial = make_parameters()
    gradients = make_gradients()
    step_lr = {"initial_rate": f32(0.1), "step_size": 3, "gamma": f32(0.5)}
    cosine = {"initial_rate": f32(0.1), "total_steps": 10, "minimum_rate": f32(0.001)}
    data = {
        "torch_version": torch.__version__,
        "shapes": SHAPES,
        "initial": {n: flat(t) for n, t in initial.items()},
        "gradients": [{n: flat(t) for n, t in g.items()} for g in gradients],
        "cases": [run_case(initial, gradients, *c) for c in CASES],
        "clipping": [run_clip(gradients, *c) for c in CLIP_CASES],
        "step_lr": dict(step_lr, rates=run_schedule(
            lambda o: torch.optim.lr_scheduler.StepLR(o, step_lr["step_size"], step_lr["gamma"]), 12, step_lr["initial_rate"])),
        "cosine_annealing_lr": dict(cosine, rates=run_schedule(
            lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, cosine["total_steps"], cosine["minimum_rate"]), 11, cosine["initial_rate"])),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim.json")
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
    for case in data["cases"]:
        print(f"{case['name']}: weight[0] after {STEPS} steps = {case['steps'][-1]['weight'][0]:.9f}")
    for case in data["clipping"]:
        print(f"clip {case['name']}: total norm {case['total_norm']:.9f}")


if __name__ == "__main__":
    main()
