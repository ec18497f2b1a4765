#!/usr/bin/env python3
"""PyTorch reference for fastdjl's collab benchmark.

The lesson-4 collab fit written out in plain PyTorch with fastai v1's semantics (fastai itself is not
installable here): numpy-seeded random split (valid_pct 0.2, seed 42), Categorify on the training split
(#na# at 0, sorted classes), EmbeddingDotBias (50 factors, trunc-normal std 0.01, sigmoid y_range
(0, 5.5)), MSE, Adam betas (0.9, 0.99) with decoupled weight decay 1e-2, one-cycle over
fit_one_cycle(3, 5e-3), bs 64, shuffled drop-last training batches, 2 threads.

Prints one JSON object: per-epoch train/valid loss and seconds, peak RSS (MB) and the process's own
time from interpreter start. Used by `./fastdjl bench-collab`; run by hand with
`/usr/bin/python3 collab_reference.py --data ../shared/data/movie_lens_sample`.
"""
import argparse
import csv
import math
import os
import sys
import time

T_START = time.time()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

from fastai_steps import Phases, SmoothLoss, print_report, step, trunc_normal_  # noqa: E402

PHASES = Phases(T_START)
PHASES.lap("interpreter start to imports done (numpy, torch)")


class EmbeddingDotBias(nn.Module):
    def __init__(self, n_factors, n_users, n_items, y_range):
        super().__init__()
        self.u_weight, self.i_weight, self.u_bias, self.i_bias = [
            nn.Embedding(*o) for o in [(n_users, n_factors), (n_items, n_factors), (n_users, 1), (n_items, 1)]]
        for e in (self.u_weight, self.i_weight, self.u_bias, self.i_bias):
            with torch.no_grad():
                trunc_normal_(e.weight, 0.01)
        self.y_range = y_range

    def forward(self, users, items):
        dot = self.u_weight(users) * self.i_weight(items)
        res = dot.sum(1) + self.u_bias(users).squeeze() + self.i_bias(items).squeeze()
        return torch.sigmoid(res) * (self.y_range[1] - self.y_range[0]) + self.y_range[0]


def cos(start, end, pct):
    return end + (start - end) / 2 * (math.cos(math.pi * pct) + 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-3)
    args = ap.parse_args()
    torch.set_num_threads(2)

    with open(os.path.join(args.data, "ratings.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    users = np.array([r[0] for r in rows])
    items = np.array([r[1] for r in rows])
    ratings = np.array([float(r[2]) for r in rows], dtype=np.float32)
    n = len(rows)
    np.random.seed(42)
    perm = np.random.permutation(n)
    cut = int(0.2 * n)
    valid_idx = perm[:cut]
    is_valid = np.zeros(n, dtype=bool)
    is_valid[valid_idx] = True
    train_idx = np.nonzero(~is_valid)[0]

    def categorify(col):
        classes = ["#na#"] + sorted(set(col[train_idx].tolist()), key=lambda v: float(v))
        c2i = {c: i for i, c in enumerate(classes)}
        return np.array([c2i.get(v, 0) for v in col], dtype=np.int64), len(classes)

    u_codes, n_users = categorify(users)
    i_codes, n_items = categorify(items)
    u_t, i_t, r_t = torch.from_numpy(u_codes), torch.from_numpy(i_codes), torch.from_numpy(ratings)
    PHASES.lap("data read and processing")

    model = EmbeddingDotBias(50, n_users, n_items, (0, 5.5))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.99))
    PHASES.lap("model build")
    wd, bs = 1e-2, 64
    n_batches = len(train_idx) // bs
    total = n_batches * args.epochs
    a1 = int(total * 0.3)
    a2 = total - a1
    lr_max, div, final_div = args.lr, 25.0, 25.0 * 1e4

    def sched(i):
        if i == 0:
            return lr_max / div, 0.95
        if i <= a1:
            return cos(lr_max / div, lr_max, i / a1), cos(0.95, 0.85, i / a1)
        return cos(lr_max, lr_max / final_div, (i - a1) / a2), cos(0.85, 0.95, (i - a1) / a2)

    epochs, it, smooth = [], 0, SmoothLoss()
    loss_fn = nn.MSELoss()
    for epoch in range(args.epochs):
        t0 = time.time()
        model.train()
        order = train_idx[torch.randperm(len(train_idx)).numpy()]
        for b in range(n_batches):
            idx = torch.from_numpy(order[b * bs:(b + 1) * bs])
            lr, mom = sched(it)
            for g in opt.param_groups:
                g["lr"], g["betas"] = lr, (mom, 0.99)
            loss = loss_fn(model(u_t[idx], i_t[idx]), r_t[idx])
            step(model, opt, loss, lr, wd, smooth)
            it += 1
        model.eval()
        tot, num = 0.0, 0
        with torch.no_grad():
            for b in range(0, len(valid_idx), bs):
                idx = torch.from_numpy(valid_idx[b:b + bs])
                tot += loss_fn(model(u_t[idx], i_t[idx]), r_t[idx]).item() * len(idx)
                num += len(idx)
        epochs.append({"epoch": epoch + 1, "train_loss": smooth.value,
                       "valid_loss": tot / num, "seconds": time.time() - t0})
    PHASES.lap("fit (all epochs)")
    print_report(epochs, T_START, PHASES)


if __name__ == "__main__":
    sys.exit(main())
