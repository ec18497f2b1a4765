"""Checks a safetensors file written by fastdjl against PyTorch (run by SafeTensorsFormatTest).

usage: safetensors_check.py FILE OUT_FILE
  FILE      weights of Sequential(Linear(3, 8), ReLU, BatchNorm1d(8), Linear(8, 1)) saved by fastdjl
  OUT_FILE  where to write the same model's weights as safetensors.torch.save_file writes them

Prints one JSON line: {"outputs": [...], "num_batches_tracked": n, "same_bytes": bool}.
The safetensors package is not installed here, so the file is read and written by the format's rules
(safetensors/src/tensor.rs): 8-byte little-endian header length, compact JSON header with
__metadata__ first, tensors sorted by dtype (descending in the Dtype enum: I64 before F32) then name,
header padded with spaces to a multiple of 8, data little-endian.
"""
import json
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "I64": torch.int64}
RANK = {"BOOL": 0, "U8": 1, "I8": 2, "I16": 5, "F16": 7, "BF16": 8, "I32": 9, "F32": 11, "F64": 12, "I64": 13}


def load(path):
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    assert n % 8 == 0, "header length %d is not a multiple of 8" % n
    header = json.loads(data[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", None)
    assert meta == {"format": "pt"}, "metadata %r" % meta
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(body[begin:end]), dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        out[name] = t.clone()
    return out


def save(tensors, path):
    names = sorted(tensors, key=lambda k: (-RANK[dtype_name(tensors[k])], k))
    header = {"__metadata__": {"format": "pt"}}
    blobs, offset = [], 0
    for k in names:
        b = tensors[k].contiguous().numpy().tobytes()
        header[k] = {"dtype": dtype_name(tensors[k]), "shape": list(tensors[k].shape),
                     "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def dtype_name(t):
    return {torch.float32: "F32", torch.int64: "I64"}[t.dtype]


def main():
    model = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.ReLU(), torch.nn.BatchNorm1d(8),
                                torch.nn.Linear(8, 1))
    state = load(sys.argv[1])
    model.load_state_dict(state, strict=True)  # every key, num_batches_tracked included, nothing else
    model.eval()
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-2.0, 1.0, 0.0]])
    with torch.no_grad():
        y = model(x).reshape(-1).tolist()
    save(model.state_dict(), sys.argv[2])
    same = open(sys.argv[1], "rb").read() == open(sys.argv[2], "rb").read()
    print(json.dumps({"outputs": y, "num_batches_tracked": int(model[2].num_batches_tracked), "same_bytes": same}))


main()
