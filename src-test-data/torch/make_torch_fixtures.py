#!/usr/bin/python3
"""Writes the small PyTorch checkpoints that fastdjl's .pth reader is tested on.

Run with Debian's PyTorch (python3-torch, 1.13):  /usr/bin/python3 src-test-data/torch/make_torch_fixtures.py

Every file is written into this script's folder:
  awd_lstm_zip.pth, awd_lstm_legacy.pth   a state dict shaped exactly like fastai v1's AWD-LSTM language model
                                          (vocab 100, emb 8, hidden 12, 3 layers, decoder tied to the encoder),
                                          as torch.save writes it in the zip format (PyTorch >= 1.6) and in the
                                          legacy format (_use_new_zipfile_serialization=False)
  awd_lstm_expected.safetensors           the same tensors, contiguous, as safetensors
  dtypes_zip.pth, dtypes_legacy.pth       {'model': state dict, 'opt': {...}} as fastai's learn.save(with_opt=True)
                                          nests it: every dtype, storage offsets, non-contiguous strides, a
                                          stride-0 expand, several tensors on one storage, a 0-d tensor, a
                                          Parameter; and optimizer-like plain values (floats, ints, tuples, lists)
  dtypes_expected.safetensors             the 'model' tensors, contiguous, as safetensors
  itos_tiny.pkl, itos_tiny.txt            a pickled list of 100 strings (as fastai's itos_wt103.pkl) and the same
                                          strings one per line
  evil_system.pth                         a zip checkpoint whose data.pkl calls os.system (pickled as posix.system)
  evil_eval.pkl                           a pickle calling builtins.eval (protocol 4)

The safetensors files are written by hand here (the format is an 8-byte little-endian header length, a JSON
header, then the raw little-endian bytes), so the safetensors package is not needed. Nothing is random
beyond torch.manual_seed, so rerunning gives the same tensors (the legacy files' storage keys are object ids
and change from run to run; that is part of what the reader must not depend on).
"""
import collections
import json
import os
import pickle
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

SAFETENSORS_DTYPE = {
    torch.float32: 'F32', torch.float64: 'F64', torch.float16: 'F16', torch.bfloat16: 'BF16',
    torch.int64: 'I64', torch.int32: 'I32', torch.int16: 'I16', torch.int8: 'I8', torch.uint8: 'U8',
    torch.bool: 'BOOL',
}


def raw_bytes(t):
    """The tensor's values, contiguous, in little-endian order (bfloat16 through its int16 bits)."""
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    assert sys.byteorder == 'little'
    return t.numpy().tobytes()


def write_safetensors(tensors, path):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = raw_bytes(t)
        header[name] = {'dtype': SAFETENSORS_DTYPE[t.dtype], 'shape': list(t.shape),
                        'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


# --- fastai v1's AWD-LSTM language model, structure only (fastai.text.models.awd_lstm, 1.0.61) -------

class WeightDropout(nn.Module):
    """fastai's WeightDropout: keeps the raw hidden-to-hidden weight as `<name>_raw` and puts a dropped-out
    copy into the wrapped LSTM's parameters (as a plain tensor)."""

    def __init__(self, module, weight_p, layer_names=('weight_hh_l0',)):
        super().__init__()
        self.module, self.weight_p, self.layer_names = module, weight_p, layer_names
        for layer in self.layer_names:
            w = getattr(self.module, layer)
            self.register_parameter(f'{layer}_raw', nn.Parameter(w.data))
            # as after a training step: the wrapped weight is a dropped-out copy, not the raw one
            self.module._parameters[layer] = F.dropout(w.data.clone(), p=self.weight_p, training=True)


class EmbeddingDropout(nn.Module):
    def __init__(self, emb, embed_p):
        super().__init__()
        self.emb, self.embed_p = emb, embed_p


class AWD_LSTM(nn.Module):
    def __init__(self, vocab_sz, emb_sz, n_hid, n_layers, pad_token=1, weight_p=0.2):
        super().__init__()
        self.encoder = nn.Embedding(vocab_sz, emb_sz, padding_idx=pad_token)
        self.encoder_dp = EmbeddingDropout(self.encoder, 0.02)
        self.rnns = nn.ModuleList([
            WeightDropout(nn.LSTM(emb_sz if l == 0 else n_hid, (n_hid if l != n_layers - 1 else emb_sz), 1,
                                  batch_first=True), weight_p)
            for l in range(n_layers)])


class LinearDecoder(nn.Module):
    def __init__(self, n_out, n_hid, tie_encoder=None):
        super().__init__()
        self.decoder = nn.Linear(n_hid, n_out, bias=True)
        if tie_encoder is not None:
            self.decoder.weight = tie_encoder.weight


class SequentialRNN(nn.Sequential):
    pass


def awd_lstm_state_dict():
    torch.manual_seed(0)
    encoder = AWD_LSTM(vocab_sz=100, emb_sz=8, n_hid=12, n_layers=3)
    model = SequentialRNN(encoder, LinearDecoder(100, 8, tie_encoder=encoder.encoder))
    with torch.no_grad():
        model[1].decoder.bias.uniform_(-0.1, 0.1)
    return model.state_dict()


# --- dtypes, views and shared storages ----------------------------------------------------------------

def dtypes_checkpoint():
    torch.manual_seed(1)
    base = torch.randn(4, 6)                      # one storage for the four views below
    shared = torch.arange(10, dtype=torch.int64) * 3 - 7
    sd = collections.OrderedDict()
    sd['f32'] = torch.randn(3, 4)
    sd['f64'] = torch.randn(2, 3, dtype=torch.float64)
    sd['f16'] = torch.randn(5).half()
    sd['bf16'] = torch.randn(2, 3).bfloat16()
    sd['i64'] = torch.tensor([[-(2 ** 40), -1, 0], [1, 2 ** 33 + 5, 2 ** 62]], dtype=torch.int64)
    sd['i32'] = torch.tensor([-(2 ** 31), -5, 7, 2 ** 31 - 1], dtype=torch.int32)
    sd['i16'] = torch.tensor([-32768, 3, 32767], dtype=torch.int16)
    sd['i8'] = torch.tensor([-128, 0, 127], dtype=torch.int8)
    sd['u8'] = torch.tensor([0, 1, 200, 255], dtype=torch.uint8)
    sd['bool'] = torch.tensor([[True, False], [False, True]])
    sd['base'] = base
    sd['base_t'] = base.t()                       # stride (1, 6), not contiguous
    sd['base_slice'] = base[1:3, 2:5]             # storage offset 8, stride (6, 1)
    sd['base_col'] = base[:, 3]                   # offset 3, stride (6,)
    sd['shared_a'] = shared[2:7]                  # two views of one int64 storage
    sd['shared_b'] = shared.view(2, 5)
    sd['expanded'] = torch.randn(3).expand(4, 3)  # stride (0, 1)
    sd['scalar'] = torch.tensor(3.25)
    sd['empty'] = torch.zeros(0, 3)
    sd['param'] = nn.Parameter(torch.randn(2, 2))  # pickled through torch._utils._rebuild_parameter
    opt = {'lr': 1e-3, 'betas': (0.9, 0.99), 'step': 3, 'names': ['encoder', 'decoder'], 'nothing': None,
           'state': {0: {'exp_avg': torch.full((2,), 0.5)}}}
    return {'model': sd, 'opt': opt}


def itos_tiny():
    specials = ['xxunk', 'xxpad', 'xxbos', 'xxeos', 'xxfld', 'xxmaj', 'xxup', 'xxrep', 'xxwrep']
    words = ['the', ',', '.', 'and', 'a', 'of', 'to', 'is', 'it', 'in', 'i', 'this', 'that', "'s", '"', '-',
             'was', 'movie', 'as', 'with', 'for', 'film', 'but', "n't", 'on', 'you', 'are', 'his', 'have', 'he',
             'be', 'one', '!', 'at', 'all', 'by', 'an', 'who', 'they', 'from', 'so', 'like', 'her', 'or', 'just',
             'about', 'out', 'has', 'if', '?', 'what', 'some', 'there', 'good', '(', 'more', 'when', 'very', 'up',
             'no', 'time', 'even', 'she', 'my', 'would', 'which', 'only', 'story', 'really', 'see', 'their',
             'had', 'can', 'were', 'me', 'well', 'than', 'we', 'much', 'been', 'bad', 'get', 'will', 'do',
             'café', 'naïve', '日本', 'emoji🙂', 'xxfake', 'end', 'xx']
    itos = specials + words
    assert len(itos) == 100 and len(set(itos)) == 100, len(itos)
    return itos


class Evil:
    """Unpickling this runs a shell command: the reader must refuse it without running anything."""

    def __init__(self, fn, arg):
        self.fn, self.arg = fn, arg

    def __reduce__(self):
        return self.fn, (self.arg,)


def write_evil_zip(path):
    # a genuine torch zip checkpoint whose data.pkl holds one item that, unpickled, calls os.system
    sd = collections.OrderedDict(w=torch.ones(2))
    sd['payload'] = Evil(os.system, 'touch /tmp/fastdjl-pwned-by-pth')
    torch.save(sd, path)


def main():
    out = lambda name: os.path.join(HERE, name)
    sd = awd_lstm_state_dict()
    torch.save(sd, out('awd_lstm_zip.pth'))
    torch.save(sd, out('awd_lstm_legacy.pth'), _use_new_zipfile_serialization=False)
    write_safetensors(sd, out('awd_lstm_expected.safetensors'))

    ck = dtypes_checkpoint()
    torch.save(ck, out('dtypes_zip.pth'))
    torch.save(ck, out('dtypes_legacy.pth'), _use_new_zipfile_serialization=False)
    write_safetensors(ck['model'], out('dtypes_expected.safetensors'))

    itos = itos_tiny()
    with open(out('itos_tiny.pkl'), 'wb') as f:
        pickle.dump(itos, f)  # as fastai: pickle.dump(itos, open(..., 'wb')), the default protocol
    with open(out('itos_tiny.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(itos) + '\n')

    write_evil_zip(out('evil_system.pth'))
    with open(out('evil_eval.pkl'), 'wb') as f:
        # protocol 4 names the global with STACK_GLOBAL ('builtins', 'eval'); protocol 2 would write GLOBAL
        # '__builtin__ eval' (as evil_system.pth's GLOBAL 'posix system' shows the other opcode)
        pickle.dump(Evil(eval, "__import__('os').system('touch /tmp/fastdjl-pwned-by-pkl')"), f, protocol=4)

    for name in sorted(os.listdir(HERE)):
        print(f'{os.path.getsize(out(name)):8d}  {name}')


if __name__ == '__main__':
    main()
