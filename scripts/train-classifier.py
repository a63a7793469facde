#!/usr/bin/env python3
"""Retrains FramePipe's default learned classifier, src/main/resources/models/shape-classifier.onnx.

    /usr/bin/python3 scripts/train-classifier.py

Needs torch and onnx (Debian: python3-torch, python3-onnx) and the project's JDK. Steps:
 1. `./mvnw test-compile`, then the Java CropExporter (test scope) writes crops of the synthetic
    generator's objects, cropped exactly as OnnxClassifier crops them (MaskedCrop), with their expected
    class. Its seeds are disjoint from every seed the tests use, so the tests measure on held-out frames.
 2. A small CNN is trained on them (seeded; flips, quarter turns and a multiplicative texture on the
    object as augmentation, so textured real objects such as coins look like flat synthetic ones).
 3. It is exported to ONNX with a dynamic batch axis; labels and the input spec go into metadata_props.
Deterministic for a given machine and library versions (torch seeds, one thread).
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "src", "main", "resources", "models", "shape-classifier.onnx")
LABELS = ["round", "elongated", "rectangular", "irregular"]
VERSION = "1"
SEED = 2026
FRAMES = int(os.environ.get("FRAMES", "1500"))
EPOCHS = int(os.environ.get("EPOCHS", "14"))


def export_crops(directory):
    mvn = [os.path.join(ROOT, "mvnw"), "-B", "-ntp", "-q"]
    classpath_file = os.path.join(directory, "classpath.txt")
    subprocess.run(mvn + ["-DskipTests", "test-compile", "dependency:build-classpath",
                          "-Dmdep.includeScope=test", "-Dmdep.outputFile=" + classpath_file],
                   cwd=ROOT, check=True)
    with open(classpath_file) as f:
        classpath = os.pathsep.join([os.path.join(ROOT, "target", "test-classes"),
                                     os.path.join(ROOT, "target", "classes"), f.read().strip()])
    subprocess.run(["java", "-cp", classpath, "dev.framepipe.classification.CropExporter", directory, str(FRAMES)],
                   cwd=ROOT, check=True)
    count, size = (int(v) for v in open(os.path.join(directory, "meta.txt")).read().split())
    crops = np.fromfile(os.path.join(directory, "crops.f32"), dtype="<f4").reshape(count, 1, size, size)
    labels = np.fromfile(os.path.join(directory, "labels.u8"), dtype=np.uint8).astype(np.int64)
    return crops, labels, size


class ShapeNet(nn.Module):
    def __init__(self, size, classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(32 * (size // 8) ** 2, 64), nn.ReLU(),
                                  nn.Linear(64, classes))

    def forward(self, x):
        return self.head(self.features(x))


def augment(batch, generator):
    x = batch
    if torch.rand(1, generator=generator).item() < 0.5:
        x = torch.flip(x, dims=[3])
    x = torch.rot90(x, int(torch.randint(0, 4, (1,), generator=generator).item()), dims=[2, 3])
    # Multiplicative low-frequency texture on the object (zero outside stays zero).
    texture = torch.rand(x.shape[0], 1, 4, 4, generator=generator) * 0.8 + 0.6
    texture = nn.functional.interpolate(texture, size=x.shape[2:], mode="bilinear", align_corners=False)
    textured = torch.rand(x.shape[0], 1, 1, 1, generator=generator) < 0.5
    x = torch.where(textured, x * texture, x)
    # Ragged outlines and small holes, as a global threshold leaves them on real photos.
    inside = (x > 0).float()
    eroded = -nn.functional.max_pool2d(-inside, 3, stride=1, padding=1)
    edge = inside - eroded
    drop = (torch.rand(x.shape, generator=generator) < 0.5).float() * edge
    holes = nn.functional.interpolate(torch.rand(x.shape[0], 1, 8, 8, generator=generator), size=x.shape[2:],
                                      mode="bilinear", align_corners=False) < 0.12
    rough = torch.rand(x.shape[0], 1, 1, 1, generator=generator) < 0.4
    return torch.where(rough, x * (1 - drop) * (~holes).float(), x)


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(SEED)
    with tempfile.TemporaryDirectory() as directory:
        crops, labels, size = export_crops(directory)
    order = np.random.default_rng(SEED).permutation(len(labels))
    crops, labels = torch.from_numpy(crops[order]), torch.from_numpy(labels[order])
    held = len(labels) // 10
    x_val, y_val, x_train, y_train = crops[:held], labels[:held], crops[held:], labels[held:]
    print(f"{len(labels)} crops of {size}x{size}; per class {np.bincount(labels.numpy(), minlength=4).tolist()}")

    model = ShapeNet(size, len(LABELS))
    counts = torch.bincount(y_train, minlength=len(LABELS)).float()
    loss_fn = nn.CrossEntropyLoss(weight=counts.sum() / (len(LABELS) * counts))
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=EPOCHS)
    for epoch in range(EPOCHS):
        model.train()
        permutation = torch.randperm(len(y_train), generator=generator)
        for start in range(0, len(y_train), 64):
            index = permutation[start:start + 64]
            optimiser.zero_grad()
            loss = loss_fn(model(augment(x_train[index], generator)), y_train[index])
            loss.backward()
            optimiser.step()
        scheduler.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(x_val).argmax(1) == y_val).float().mean().item()
        print(f"epoch {epoch + 1}: loss {loss.item():.4f}, validation accuracy {accuracy:.4f}")

    model.eval()
    torch.onnx.export(model, torch.zeros(1, 1, size, size), OUTPUT, input_names=["crops"], output_names=["logits"],
                      dynamic_axes={"crops": {0: "objects"}, "logits": {0: "objects"}}, opset_version=13)
    proto = onnx.load(OUTPUT)
    proto.graph.name = "framepipe-shape-cnn"
    proto.producer_name = "framepipe scripts/train-classifier.py"
    proto.model_version = int(VERSION)
    onnx.helper.set_model_props(proto, {
        "framepipe.model.name": "framepipe-shape-cnn",
        "framepipe.model.version": VERSION,
        "framepipe.labels": ",".join(LABELS),
        "framepipe.output": "logits",
        "framepipe.input.size": str(size),
        "framepipe.input.channels": "1",
        "framepipe.input.margin": "0.15",
        "framepipe.input.mean": "0.0",
        "framepipe.input.std": "1.0",
    })
    onnx.checker.check_model(proto)
    onnx.save(proto, OUTPUT)
    print(f"wrote {OUTPUT} ({os.path.getsize(OUTPUT)} bytes)")


if __name__ == "__main__":
    sys.exit(main())
