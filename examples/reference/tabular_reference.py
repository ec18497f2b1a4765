#!/usr/bin/env python3
"""PyTorch reference for fastdjl's tabular benchmark.

The lesson-4 tabular fit written out in plain PyTorch with fastai v1's semantics (fastai itself is not
installable here): adult.csv read keeping the leading spaces, rows 800-999 for validation, FillMissing
(train median, an `<col>_na` flag for columns missing in train), Categorify (#na# at 0, sorted train
classes), Normalize ((x - mean) / (1e-7 + std), pandas' std), TabularModel (embeddings by fastai's size
rule with trunc-normal std 0.01, BatchNorm1d on the continuous inputs, Linear-ReLU then
BN-Linear-ReLU blocks for layers [200, 100], no BN before the first Linear), cross-entropy, Adam betas
(0.9, 0.99) with decoupled weight decay 1e-2 (fastai's true_wd, BN included), fit(1, 1e-2) at a
constant learning rate, bs 64, shuffled drop-last training batches, validation in order, 2 threads.

Prints one JSON object: per-epoch train/valid loss, accuracy and seconds, peak RSS (MB) and the process's
own time from interpreter start. Used by `./fastdjl bench-tabular`; run by hand with
`/usr/bin/python3 tabular_reference.py --data ../shared/data/adult_sample`.
"""
import argparse
import csv
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

CAT_NAMES = ["workclass", "education", "marital-status", "occupation", "relationship", "race"]
CONT_NAMES = ["age", "fnlwgt", "education-num"]
DEP_VAR = "salary"


def emb_sz_rule(n_cat):
    return min(600, round(1.6 * n_cat ** 0.56))


def bn_drop_lin(n_in, n_out, bn, p, actn):
    layers = [nn.BatchNorm1d(n_in)] if bn else []
    if p != 0:
        layers.append(nn.Dropout(p))
    layers.append(nn.Linear(n_in, n_out))
    if actn is not None:
        layers.append(actn)
    return layers


class TabularModel(nn.Module):
    """fastai 1.0.61's TabularModel (same module names, so the same state_dict keys)."""

    def __init__(self, emb_szs, n_cont, out_sz, layers, ps=None, emb_drop=0.0, use_bn=True):
        super().__init__()
        ps = ps or [0] * len(layers)
        self.embeds = nn.ModuleList([nn.Embedding(ni, nf) for ni, nf in emb_szs])
        for e in self.embeds:
            with torch.no_grad():
                trunc_normal_(e.weight, 0.01)
        self.emb_drop = nn.Dropout(emb_drop)
        self.bn_cont = nn.BatchNorm1d(n_cont)
        self.n_emb = sum(e.embedding_dim for e in self.embeds)
        self.n_cont = n_cont
        sizes = [self.n_emb + n_cont] + layers + [out_sz]
        actns = [nn.ReLU(inplace=True) for _ in range(len(sizes) - 2)] + [None]
        mods = []
        for i, (n_in, n_out, dp, act) in enumerate(zip(sizes[:-1], sizes[1:], [0.0] + ps, actns)):
            mods += bn_drop_lin(n_in, n_out, bn=use_bn and i != 0, p=dp, actn=act)
        self.layers = nn.Sequential(*mods)

    def forward(self, x_cat, x_cont):
        x = torch.cat([e(x_cat[:, i]) for i, e in enumerate(self.embeds)], 1)
        x = self.emb_drop(x)
        x = torch.cat([x, self.bn_cont(x_cont)], 1)
        return self.layers(x)


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    return {name: [r[i] for r in body] for i, name in enumerate(header)}, len(body)


def process(df, n, valid_idx):
    is_valid = np.zeros(n, dtype=bool)
    is_valid[valid_idx] = True
    train_idx = np.nonzero(~is_valid)[0]
    conts, cat_names = {}, list(CAT_NAMES)
    cats = {c: np.array([v if v != "" else None for v in df[c]], dtype=object) for c in CAT_NAMES}
    for c in CONT_NAMES:  # FillMissing: median of train, flag column when train has missing values
        x = np.array([float(v) if v != "" else np.nan for v in df[c]], dtype=np.float64)
        missing = np.isnan(x)
        if missing[train_idx].any():
            cats[c + "_na"] = np.where(missing, "True", "False").astype(object)
            cat_names.append(c + "_na")
        x[missing] = np.nanmedian(x[train_idx])
        conts[c] = x
    codes = []
    for c in cat_names:  # Categorify
        classes = ["#na#"] + sorted({v for v in cats[c][train_idx] if v is not None})
        c2i = {v: i for i, v in enumerate(classes)}
        codes.append(np.array([c2i.get(v, 0) if v is not None else 0 for v in cats[c]], dtype=np.int64))
        emb = len(classes)
        cats[c] = (emb, emb_sz_rule(emb))
    x_cont = []
    for c in CONT_NAMES:  # Normalize
        x = conts[c]
        mean, std = x[train_idx].mean(), x[train_idx].std(ddof=1)
        x_cont.append(((x - mean) / (1e-7 + std)).astype(np.float32))
    labels = sorted(set(np.array(df[DEP_VAR], dtype=object)[train_idx]))
    l2i = {v: i for i, v in enumerate(labels)}
    y = np.array([l2i[v] for v in df[DEP_VAR]], dtype=np.int64)
    emb_szs = [cats[c] for c in cat_names]
    return (torch.from_numpy(np.stack(codes, 1)), torch.from_numpy(np.stack(x_cont, 1)), torch.from_numpy(y),
            train_idx, emb_szs, len(labels))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-2)
    args = ap.parse_args()
    torch.set_num_threads(2)

    df, n = read_csv(os.path.join(args.data, "adult.csv"))
    valid_idx = np.arange(800, 1000)
    x_cat, x_cont, y, train_idx, emb_szs, n_classes = process(df, n, valid_idx)
    PHASES.lap("data read and processing")

    model = TabularModel(emb_szs, len(CONT_NAMES), n_classes, [200, 100])
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.99))
    PHASES.lap("model build")
    wd, bs, lr = 1e-2, 64, args.lr
    n_batches = len(train_idx) // bs
    loss_fn = nn.CrossEntropyLoss()
    epochs, smooth = [], SmoothLoss()
    for epoch in range(args.epochs):
        t0 = time.time()
        model.train()
        order = train_idx[torch.randperm(len(train_idx)).numpy()]
        for b in range(n_batches):
            idx = torch.from_numpy(order[b * bs:(b + 1) * bs])
            loss = loss_fn(model(x_cat[idx], x_cont[idx]), y[idx])
            step(model, opt, loss, lr, wd, smooth)
        model.eval()
        tot, correct, num = 0.0, 0, 0
        with torch.no_grad():
            for b in range(0, len(valid_idx), bs):
                idx = torch.from_numpy(valid_idx[b:b + bs])
                out = model(x_cat[idx], x_cont[idx])
                tot += loss_fn(out, y[idx]).item() * len(idx)
                correct += (out.argmax(1) == y[idx]).sum().item()
                num += len(idx)
        epochs.append({"epoch": epoch + 1, "train_loss": smooth.value,
                       "valid_loss": tot / num, "accuracy": correct / num, "seconds": time.time() - t0})
    PHASES.lap("fit (all epochs)")
    print_report(epochs, T_START, PHASES)


if __name__ == "__main__":
    sys.exit(main())
