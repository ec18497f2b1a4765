#!/usr/bin/env python3
"""Checks fastdjl's text classifier against fastai's layout in plain PyTorch (awd_lstm.py), both ways.

Reads a folder written by fastdjl's TextClassifierReferenceTest:
  model.safetensors  the Java classifier's weights (fastai's state_dict keys: 0.module.encoder.weight, ...,
                     1.layers.0.running_mean, ...)
  case.json          {"vocab_sz": V, "n_class": C, "config": {...}, "bptt": B, "max_len": M, "lin_ftrs": [...],
                      "ps": [...], "batches": [[bs, sl, [ids...]], ...],
                      "outputs": [{"logits": [...], "raw": [...], "out": [...]}, ...]}
1. loads model.safetensors into fastai's classifier (MultiBatchEncoder over AWD_LSTM, PoolingLinearClassifier)
   with load_state_dict(strict=True), runs each batch in evaluation mode (padded at the start, longer than
   max_len, so chunks are dropped and the pooling is masked) and compares the logits and the last layer's raw
   and dropped outputs with fastdjl's: the largest difference must be below 1e-5;
2. the other way: a fresh PyTorch classifier (seed 0, BatchNorm statistics made non-trivial) written to
   torch_model.safetensors with its logits on the same batches in torch_outputs.json, for the Java side.
Prints one line per check and exits 1 when an output differs. Run by hand:
`/usr/bin/python3 text_classifier_reference.py DIR`.
"""
import json
import os
import sys

import torch

from awd_lstm import read_safetensors, text_classifier, write_safetensors

TOLERANCE = 1e-5


def build(case):
    return text_classifier(case['vocab_sz'], case['n_class'], bptt=case['bptt'], max_len=case['max_len'],
                           config=dict(case['config']), lin_ftrs=list(case['lin_ftrs']), ps=list(case['ps']))


def run_batches(model, batches):
    model.eval()
    results = []
    with torch.no_grad():
        for bs, sl, ids in batches:
            x = torch.tensor(ids, dtype=torch.int64).view(bs, sl)
            results.append(model(x))
    return results


def main():
    folder = sys.argv[1]
    case = json.load(open(os.path.join(folder, 'case.json')))
    torch.set_num_threads(1)

    model = build(case)
    model.load_state_dict(read_safetensors(os.path.join(folder, 'model.safetensors')), strict=True)
    worst = 0.0
    for b, (got, want) in enumerate(zip(run_batches(model, case['batches']), case['outputs'])):
        logits, raw, out = got
        diffs = [float((logits.flatten() - torch.tensor(want['logits'])).abs().max()),
                 float((raw[-1].flatten() - torch.tensor(want['raw'])).abs().max()),
                 float((out[-1].flatten() - torch.tensor(want['out'])).abs().max())]
        worst = max(worst, max(diffs))
        print('batch %d (%d x %d): logits, raw and dropped outputs differ by at most %.3g'
              % (b, case['batches'][b][0], case['batches'][b][1], max(diffs)))
    print('fastdjl -> PyTorch: loaded strictly, largest difference %.3g (tolerance %g)' % (worst, TOLERANCE))

    torch.manual_seed(0)
    fresh = build(case)
    with torch.no_grad():
        for m in fresh.modules():
            if isinstance(m, torch.nn.BatchNorm1d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    write_safetensors(os.path.join(folder, 'torch_model.safetensors'), fresh.state_dict())
    outputs = [{'logits': l.flatten().tolist()} for l, _, _ in run_batches(fresh, case['batches'])]
    with open(os.path.join(folder, 'torch_outputs.json'), 'w') as f:
        json.dump(outputs, f)
    print('PyTorch -> fastdjl: wrote torch_model.safetensors (%d keys) and torch_outputs.json'
          % len(fresh.state_dict()))
    return 0 if worst < TOLERANCE else 1


if __name__ == '__main__':
    sys.exit(main())
