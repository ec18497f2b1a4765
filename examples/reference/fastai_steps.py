"""What the PyTorch references share: fastai v1's pieces written out in plain PyTorch.

The embedding init, one optimizer step with fastai's decoupled ("true") weight decay, the smoothed
training loss as fastai's Recorder shows it, and the JSON report the benchmarks read.
"""
import json
import resource
import time

import torch


def trunc_normal_(x, std):
    """fastai v1's trunc_normal_: a standard normal folded into (-2, 2) with fmod, scaled by std."""
    return x.normal_().fmod_(2).mul_(std)


class SmoothLoss:
    """fastai's SmoothenValue(0.98): a debiased exponential moving average of the batch losses."""

    def __init__(self, beta=0.98):
        self.beta, self.avg, self.n = beta, 0.0, 0

    def add(self, value):
        self.n += 1
        self.avg = self.beta * self.avg + (1 - self.beta) * value

    @property
    def value(self):
        return self.avg / (1 - self.beta ** self.n)


def step(model, opt, loss, lr, wd, smooth):
    """Backward, then fastai's OptimWrapper step: p *= 1 - lr*wd, Adam, zero_grad; records the loss."""
    loss.backward()
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(1 - lr * wd)
    opt.step()
    opt.zero_grad()
    smooth.add(loss.item())


class Phases:
    """Where the script's time goes: lap(name) names the seconds since the previous lap (or the start)."""

    def __init__(self, t_start):
        self.last, self.laps = t_start, {}

    def lap(self, name):
        now = time.time()
        self.laps[name] = self.laps.get(name, 0.0) + now - self.last
        self.last = now


def print_report(epochs, t_start, phases=None):
    """Prints the per-epoch results, peak RSS, the process's own time and its phases as one JSON line."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"epochs": epochs, "peak_rss_mb": round(peak, 1),
                      "process_seconds": time.time() - t_start, "torch": torch.__version__,
                      "phases": phases.laps if phases else {}}))
