#!/usr/bin/env python3
"""Writes the ONNX models that benchmarks/peers/OnnxRuntimePeer times: the LSTM of infer-lstm-b1-t50-i1-h64 and the
GRU of infer-gru-b256-t50-i32-h128, exported with Debian's PyTorch 1.13 (torch.onnx.export, opset 17: ONNX's own
LSTM and GRU operators) with seeded random weights (the weights do not change the cost). Batch and steps are dynamic.

Usage: /usr/bin/python3 benchmarks/peers/export_onnx_rnn.py OUTPUT_DIR
"""
import os
import sys
import warnings

import torch

MODELS = [("lstm-i1-h64.onnx", torch.nn.LSTM, 1, 64), ("gru-i32-h128.onnx", torch.nn.GRU, 32, 128)]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(1)
    warnings.filterwarnings("ignore")
    for file, cell, inputs, hidden in MODELS:
        module = cell(inputs, hidden).eval()
        x = torch.randn(50, 1, inputs)
        axes = {"x": {0: "steps", 1: "batch"}, "y": {0: "steps", 1: "batch"}}
        torch.onnx.export(module, (x,), os.path.join(out, file), input_names=["x"], output_names=["y"],
                          opset_version=17, dynamic_axes=axes)


if __name__ == "__main__":
    main()
