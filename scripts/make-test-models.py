#!/usr/bin/env python3
"""Writes the small ONNX models the tests load (src/test/resources/models/), each a few KB:

    /usr/bin/python3 scripts/make-test-models.py

  three-labels-16px.onnx   metadata: labels left,right,up; input size 16 -> proves metadata drives loading
  no-metadata-32px.onnx    no metadata_props, 4 outputs -> labels and input spec fall back to properties
  labels-mismatch.onnx     metadata names 3 labels, the output has 4 -> refused
  rgb-input.onnx           input [N, 3, 32, 32] -> FramePipe cannot feed it, refused
  swap-b.onnx              the four shape labels, input 32, different weights (name framepipe-swap-b) -> swap tests
Seeded; the weights are random (these models test loading, not accuracy).
"""
import os

import onnx
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src", "test", "resources", "models")


class Linear(nn.Module):
    def __init__(self, channels, size, outputs):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(4)
        self.fc = nn.Linear(channels * 16, outputs)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(x), 1))


def write(name, channels, size, outputs, props, graph):
    torch.manual_seed(len(name))
    path = os.path.join(OUT, name)
    torch.onnx.export(Linear(channels, size, outputs).eval(), torch.zeros(1, channels, size, size), path,
                      input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "n"}, "y": {0: "n"}},
                      opset_version=13)
    proto = onnx.load(path)
    proto.graph.name = graph
    del proto.metadata_props[:]
    if props:
        onnx.helper.set_model_props(proto, props)
    onnx.checker.check_model(proto)
    onnx.save(proto, path)


def main():
    os.makedirs(OUT, exist_ok=True)
    write("three-labels-16px.onnx", 1, 16, 3, {"framepipe.labels": "left,right,up", "framepipe.input.size": "16",
                                              "framepipe.model.name": "three-labels", "framepipe.model.version": "7"},
          "three")
    write("no-metadata-32px.onnx", 1, 32, 4, None, "bare-graph")
    write("labels-mismatch.onnx", 1, 32, 4, {"framepipe.labels": "a,b,c"}, "mismatch")
    write("rgb-input.onnx", 3, 32, 4, None, "rgb")
    write("swap-b.onnx", 1, 32, 4, {"framepipe.labels": "round,elongated,rectangular,irregular",
                                    "framepipe.model.name": "framepipe-swap-b", "framepipe.model.version": "2"},
          "swap-b")


if __name__ == "__main__":
    main()
