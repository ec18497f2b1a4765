#!/usr/bin/env python3
"""Checks fastdjl's AWD-LSTM against fastai's layout in plain PyTorch (awd_lstm.py), both ways.

Reads a folder written by fastdjl's AwdLstmReferenceTest:
  model.safetensors  the Java language model's weights (fastai's state_dict keys)
  case.json          {"vocab_sz": V, "config": {fastai's dict}, "batches": [[bs, sl, [ids...]], ...],
                      "outputs": [{"decoded": [...], "raw": [[...], ...], "out": [[...], ...]}, ...]}
1. loads model.safetensors into the PyTorch model with load_state_dict(strict=True), feeds the batches in
   order in evaluation mode (the hidden state carried from one to the next, as fastai's), and compares
   the decoded logits and every layer's raw and dropped outputs with fastdjl's: the largest difference
   must be below 1e-5;
2. the other way: initializes a fresh PyTorch model (seed 0), writes its state_dict to
   torch_model.safetensors and its outputs on the same batches to torch_outputs.json, for the Java side
   to load strictly and compare.
Prints one line per check and exits 1 when an output differs. Run by hand:
`/usr/bin/python3 awd_lstm_reference.py DIR`.
"""
import json
import os
import sys

import torch

from awd_lstm import language_model, read_safetensors, write_safetensors

TOLERANCE = 1e-5


def run_batches(model, batches):
    model.eval()
    model.reset()
    results = []
    with torch.no_grad():
        for bs, sl, ids in batches:
            x = torch.tensor(ids, dtype=torch.int64).view(bs, sl)
            decoded, raw, out = model(x)
            results.append((decoded, raw, out))
    return results


def main():
    folder = sys.argv[1]
    case = json.load(open(os.path.join(folder, 'case.json')))
    vocab_sz, config = case['vocab_sz'], case['config']
    torch.set_num_threads(1)

    model = language_model(vocab_sz, config)
    state = read_safetensors(os.path.join(folder, 'model.safetensors'))
    model.load_state_dict(state, strict=True)
    worst = 0.0
    for b, (got, want) in enumerate(zip(run_batches(model, case['batches']), case['outputs'])):
        decoded, raw, out = got
        diffs = [float((decoded.flatten() - torch.tensor(want['decoded'])).abs().max())]
        for layer in range(len(raw)):
            diffs.append(float((raw[layer].flatten() - torch.tensor(want['raw'][layer])).abs().max()))
            diffs.append(float((out[layer].flatten() - torch.tensor(want['out'][layer])).abs().max()))
        worst = max(worst, max(diffs))
        print('batch %d: decoded, raw and dropped outputs differ by at most %.3g' % (b, max(diffs)))
    print('fastdjl -> PyTorch: loaded strictly, largest difference %.3g (tolerance %g)' % (worst, TOLERANCE))

    torch.manual_seed(0)
    fresh = language_model(vocab_sz, config)
    write_safetensors(os.path.join(folder, 'torch_model.safetensors'), fresh.state_dict())
    outputs = [{'decoded': d.flatten().tolist()} for d, _, _ in run_batches(fresh, case['batches'])]
    with open(os.path.join(folder, 'torch_outputs.json'), 'w') as f:
        json.dump(outputs, f)
    print('PyTorch -> fastdjl: wrote torch_model.safetensors (%d keys) and torch_outputs.json'
          % len(fresh.state_dict()))
    return 0 if worst < TOLERANCE else 1


if __name__ == '__main__':
    sys.exit(main())
