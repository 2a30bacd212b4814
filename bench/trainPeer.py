"""PyTorch peer of `npm run bench:train`: the same ResNet6 (src/pipeline/train/architectures/resnet.ts: 7x7/2 conv 64,
3x3/2 max-pool, four single-conv pre-activation blocks 128, 128, 256/2, 256 with 1x1 projection
shortcuts where channels or stride change, BN-ReLU-global pool, dense softmax head), Adam, batch
16 at 64x64, CPU with every core. Prints ms per training step as JSON."""
import json
import os
import sys
import time

import torch
from torch import nn

torch.set_num_threads(os.cpu_count() or 1)
torch.manual_seed(0)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn = nn.BatchNorm2d(cin, momentum=0.5)
        self.conv = nn.Conv2d(cin, cout, 3, stride, 1, bias=True)
        self.short = nn.Conv2d(cin, cout, 1, stride, 0, bias=True) if (cin != cout or stride != 1) else None

    def forward(self, x):
        y = self.conv(torch.relu(self.bn(x)))
        return y + (self.short(x) if self.short is not None else x)


class ResNet6(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1))
        self.blocks = nn.Sequential(Block(64, 128, 1), Block(128, 128, 1), Block(128, 256, 2), Block(256, 256, 1))
        self.bn = nn.BatchNorm2d(256, momentum=0.5)
        self.head = nn.Linear(256, classes)

    def forward(self, x):
        x = torch.relu(self.bn(self.blocks(self.stem(x))))
        return self.head(x.mean((2, 3)))


size, batch, classes, steps = (int(v) for v in sys.argv[1:5])
model = ResNet6(classes)
opt = torch.optim.Adam(model.parameters(), 1e-3)
x = torch.rand(batch, 3, size, size)
y = torch.arange(batch) % classes
loss_fn = nn.CrossEntropyLoss()


def step():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()


for _ in range(3):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
ms = (time.perf_counter() - start) * 1000 / steps
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "ms_per_step": ms}))
