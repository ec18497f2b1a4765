#!/usr/bin/env python3
"""PyTorch reference for fastdjl's text benchmark: one epoch of the IMDB-sample language model.

fastai's reference recipe written out in plain PyTorch with fastai v1's semantics (fastai itself is not
installable here): fastai's own tokens of texts.csv (tokens_fastai_v1.jsonl, made by fastai 1.0.61 +
spaCy), split by the is_valid column, the data-block vocab (max 60000, min_freq 3, special tokens first,
padded to a multiple of 8), fastai's LanguageModelPreLoader stream (documents shuffled each epoch, bs rows
starting at int(i * tokens / bs), bptt 70, wrapping around), the AWD-LSTM of awd_lstm.py at fastai's size
(emb 400, hidden 1152, 3 layers) with drop_mult 0.3, flattened cross-entropy plus AR (alpha 2) and TAR
(beta 1), Adam betas (0.9, 0.99) with decoupled weight decay 1e-2, fit_one_cycle(1, 1e-2, moms=(0.8,
0.7)), the hidden state reset at the start of the epoch and before validation, validation loss and
accuracy.

Prints one JSON object: per-epoch train/valid loss, accuracy, seconds (training and validation) and
train_seconds, the training tokens, peak RSS (MB) and the process's own time. Used by
`./fastdjl bench-text`; run by hand with
`/usr/bin/python3 text_lm_reference.py --data ../shared/data/imdb_sample --threads 2`.
"""
import argparse
import csv
import json
import math
import os
import sys
import time
from collections import Counter

T_START = time.time()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from awd_lstm import LM_CONFIG, language_model  # noqa: E402
from fastai_steps import SmoothLoss, print_report  # noqa: E402

SPEC = ['xxunk', 'xxpad', 'xxbos', 'xxeos', 'xxfld', 'xxmaj', 'xxup', 'xxrep', 'xxwrep']
SIZES = {'tiny': (64, 128, 2), 'small': (200, 600, 3), 'full': (400, 1152, 3)}


def make_vocab(docs, max_vocab=60000, min_freq=3):
    """fastai's Vocab.create."""
    freq = Counter(t for d in docs for t in d)
    itos = [o for o, c in freq.most_common(max_vocab) if c >= min_freq]
    for o in reversed(SPEC):
        if o in itos:
            itos.remove(o)
        itos.insert(0, o)
    itos = itos[:max_vocab]
    if len(itos) < max_vocab:
        while len(itos) % 8 != 0:
            itos.append('xxfake')
    return itos


def lm_batches(docs, bs, bptt, shuffle):
    """fastai's LanguageModelPreLoader over one pass: (x, y) int64 (bs, bptt) batches."""
    order = np.random.permutation(len(docs)) if shuffle else np.arange(len(docs))
    stream = np.concatenate([docs[i] for i in order])
    total = len(stream)
    n_batches = math.ceil(total / (bs * bptt))
    starts = [int(i * total / bs) for i in range(bs)]
    idx = (np.array(starts)[:, None] + np.arange(n_batches * bptt + 1)[None, :]) % total
    rows = torch.from_numpy(stream[idx].astype(np.int64))
    for k in range(n_batches):
        yield rows[:, k * bptt:(k + 1) * bptt], rows[:, k * bptt + 1:(k + 1) * bptt + 1]


def cos(start, end, pct):
    return end + (start - end) / 2 * (math.cos(math.pi * pct) + 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--epochs', type=int, default=1)
    ap.add_argument('--size', default='full', choices=sorted(SIZES))
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--bs', type=int, default=64)
    ap.add_argument('--bptt', type=int, default=70)
    ap.add_argument('--seed', type=int, default=42)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)

    tokens_file = os.path.join(args.data, 'tokens_fastai_v1.jsonl')
    if not os.path.exists(tokens_file):
        print('no %s: the reference needs fastai\'s own tokens of texts.csv' % tokens_file, file=sys.stderr)
        return 2
    with open(os.path.join(args.data, 'texts.csv'), newline='') as f:
        is_valid = [row['is_valid'] == 'True' for row in csv.DictReader(f)]
    with open(tokens_file) as f:
        docs = [json.loads(line) for line in f]
    train_tok = [d for d, v in zip(docs, is_valid) if not v]
    valid_tok = [d for d, v in zip(docs, is_valid) if v]
    itos = make_vocab(train_tok)
    stoi = {t: i for i, t in enumerate(itos)}
    train = [np.array([stoi.get(t, 0) for t in d], dtype=np.int64) for d in train_tok]
    valid = [np.array([stoi.get(t, 0) for t in d], dtype=np.int64) for d in valid_tok]

    emb, hid, layers = SIZES[args.size]
    config = dict(LM_CONFIG, emb_sz=emb, n_hid=hid, n_layers=layers)
    model = language_model(len(itos), config, drop_mult=0.3)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2, betas=(0.9, 0.99))
    wd, lr_max, div, final_div, moms = 1e-2, 1e-2, 25.0, 25.0 * 1e4, (0.8, 0.7)
    per_epoch = math.ceil(sum(len(d) for d in train) / (args.bs * args.bptt))
    total = per_epoch * args.epochs
    a1 = int(total * 0.3)
    a2 = total - a1

    def sched(i):
        if i <= a1:
            p = i / a1 if a1 else 1.0
            return cos(lr_max / div, lr_max, p), cos(moms[0], moms[1], p)
        p = (i - a1) / a2
        return cos(lr_max, lr_max / final_div, p), cos(moms[1], moms[0], p)

    epochs, it, smooth = [], 0, SmoothLoss()
    for epoch in range(args.epochs):
        t0 = time.time()
        model.train()
        model.reset()
        n_tokens = 0
        for x, y in lm_batches(train, args.bs, args.bptt, True):
            lr, mom = sched(it)
            for g in opt.param_groups:
                g['lr'], g['betas'] = lr, (mom, 0.99)
            decoded, raw_out, out = model(x)
            loss = F.cross_entropy(decoded.view(-1, decoded.size(-1)), y.reshape(-1))
            ce = loss.item()
            loss = loss + 2 * out[-1].pow(2).mean()
            h = raw_out[-1]
            if h.size(0) > 1 and h.size(1) > 1:
                loss = loss + 1 * (h[:, 1:] - h[:, :-1]).pow(2).mean()
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p.mul_(1 - lr * wd)
            opt.step()
            opt.zero_grad()
            smooth.add(ce)
            it += 1
            n_tokens += x.numel()
        train_seconds = time.time() - t0
        model.eval()
        model.reset()
        tot, acc, num = 0.0, 0.0, 0
        with torch.no_grad():
            for x, y in lm_batches(valid, args.bs, args.bptt, False):
                decoded = model(x)[0]
                tot += F.cross_entropy(decoded.view(-1, decoded.size(-1)), y.reshape(-1)).item() * x.size(0)
                acc += (decoded.argmax(-1) == y).float().mean().item() * x.size(0)
                num += x.size(0)
        epochs.append({'epoch': epoch + 1, 'stage': 'lm', 'train_loss': smooth.value, 'valid_loss': tot / num,
                       'accuracy': acc / num, 'seconds': time.time() - t0, 'train_seconds': train_seconds,
                       'train_tokens': n_tokens})
        print(json.dumps(epochs[-1]), file=sys.stderr)
    print_report(epochs, T_START)


if __name__ == '__main__':
    sys.exit(main())
