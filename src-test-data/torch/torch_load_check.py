#!/usr/bin/python3
"""Reads a .pth that fastdjl wrote with Debian's PyTorch (1.13) and prints what it holds, as one JSON line.

  torch_load_check.py FILE                 every tensor: dtype, shape and its bytes (hex, little-endian)
  torch_load_check.py FILE --mlp INPUTS    also loads it strictly into fastdjl's test MLP
                                           (Linear(3, 8), ReLU, BatchNorm1d(8), Linear(8, 1)), and prints
                                           the model's eval-mode output on the tensor 'x' of INPUTS
Used by core's WeightsPthTest; loads with weights_only=True, so only PyTorch's own allow-list of globals is
accepted, as a careful user would load a file from elsewhere.
"""
import json
import sys

import torch
import torch.nn as nn


def main():
    path = sys.argv[1]
    sd = torch.load(path, weights_only=True)
    out = {'type': type(sd).__name__, 'tensors': {}}
    for k, v in sd.items():
        t = v.contiguous()
        if t.dtype == torch.bfloat16:
            t = t.view(torch.int16)
        out['tensors'][k] = {'dtype': str(v.dtype).replace('torch.', ''), 'shape': list(v.shape),
                             'hex': t.numpy().tobytes().hex(), 'data_ptr': v.storage().data_ptr()}
    if len(sys.argv) > 3 and sys.argv[2] == '--mlp':
        model = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.BatchNorm1d(8), nn.Linear(8, 1))
        model.load_state_dict(sd, strict=True)
        model.eval()
        x = torch.load(sys.argv[3], weights_only=True)['x']
        with torch.no_grad():
            out['pred'] = model(x).flatten().tolist()
    print(json.dumps(out))


if __name__ == '__main__':
    main()
