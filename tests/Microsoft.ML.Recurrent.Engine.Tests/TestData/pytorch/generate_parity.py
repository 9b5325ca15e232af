#!/usr/bin/env python3
"""Generates PyTorch reference data for the recurrent-layer parity tests.

Run with Debian's PyTorch (python3-torch 1.13):  /usr/bin/python3 generate_parity.py
Each case builds torch.nn.LSTM/GRU/RNN with fixed random weights, runs a variable-length batch
(pack_padded_sequence) from a given initial state, and backpropagates the scalar
    loss = sum(output * output_weights) + sum(h_n * hidden_weights) [+ sum(c_n * cell_weights)]
Everything is computed in float64 from float32-representable values; the JSON holds inputs,
weights, outputs, final states and all gradients.
"""
import json
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

CASES = [
    # name, mode, input, hidden, layers, bidirectional, steps, batch, lengths, extra
    ("lstm_1layer", "LSTM", 5, 7, 1, False, 6, 3, [6, 4, 1], {}),
    ("lstm_2layer", "LSTM", 5, 7, 2, False, 6, 3, [6, 6, 6], {}),
    ("lstm_bidirectional", "LSTM", 4, 6, 1, True, 5, 4, [5, 3, 2, 5], {}),
    ("lstm_2layer_bidirectional", "LSTM", 3, 5, 2, True, 7, 3, [7, 2, 5], {}),
    ("gru_1layer", "GRU", 5, 7, 1, False, 6, 3, [6, 4, 1], {}),
    ("gru_2layer", "GRU", 5, 7, 2, False, 6, 3, [6, 6, 6], {}),
    ("gru_bidirectional", "GRU", 4, 6, 1, True, 5, 4, [5, 3, 2, 5], {}),
    ("gru_2layer_bidirectional", "GRU", 3, 5, 2, True, 7, 3, [7, 2, 5], {}),
    ("rnn_tanh_1layer", "RNN", 5, 7, 1, False, 6, 3, [6, 4, 1], {"nonlinearity": "tanh"}),
    ("rnn_tanh_2layer_bidirectional", "RNN", 3, 5, 2, True, 7, 3, [7, 2, 5], {"nonlinearity": "tanh"}),
    ("rnn_relu_2layer", "RNN", 5, 7, 2, False, 6, 3, [6, 4, 1], {"nonlinearity": "relu"}),
]


def f32(t):
    return t.float().double()


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def run_case(seed, name, mode, input_size, hidden_size, layers, bidirectional, steps, batch, lengths, extra):
    torch.manual_seed(seed)
    module = getattr(torch.nn, mode)(input_size, hidden_size, num_layers=layers, bidirectional=bidirectional, **extra).double()
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(torch.empty_like(p).uniform_(-0.6, 0.6)))
    directions = 2 if bidirectional else 1
    x = f32(torch.randn(steps, batch, input_size)).requires_grad_()
    h0 = f32(0.5 * torch.randn(layers * directions, batch, hidden_size)).requires_grad_()
    c0 = f32(0.5 * torch.randn(layers * directions, batch, hidden_size)).requires_grad_() if mode == "LSTM" else None
    packed = pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
    out_packed, state = module(packed, (h0, c0) if c0 is not None else h0)
    out, _ = pad_packed_sequence(out_packed, total_length=steps)
    hn, cn = (state if mode == "LSTM" else (state, None))
    out_w = f32(torch.randn_like(out))
    hn_w = f32(torch.randn_like(hn))
    cn_w = f32(torch.randn_like(cn)) if cn is not None else None
    loss = (out * out_w).sum() + (hn * hn_w).sum() + ((cn * cn_w).sum() if cn is not None else 0)
    loss.backward()
    case = {
        "name": name, "mode": mode, "input_size": input_size, "hidden_size": hidden_size, "num_layers": layers,
        "bidirectional": bidirectional, "steps": steps, "batch": batch, "lengths": lengths,
        "nonlinearity": extra.get("nonlinearity", "tanh"),
        "input": flat(x), "h0": flat(h0), "c0": flat(c0) if c0 is not None else None,
        "output_weights": flat(out_w), "hidden_weights": flat(hn_w), "cell_weights": flat(cn_w) if cn_w is not None else None,
        "output": flat(out), "h_n": flat(hn), "c_n": flat(cn) if cn is not None else None, "loss": float(loss),
        "grad_input": flat(x.grad), "grad_h0": flat(h0.grad), "grad_c0": flat(c0.grad) if c0 is not None else None,
        "parameters": {n: flat(p) for n, p in module.named_parameters()},
        "gradients": {n: flat(p.grad) for n, p in module.named_parameters()},
    }
    with open(f"{name}.json", "w") as f:
        json.dump(case, f)
    print(f"{name}: loss {float(loss):.6f}")


if __name__ == "__main__":
    print("torch", torch.__version__)
    for i, c in enumerate(CASES):
        run_case(1000 + i, *c)
