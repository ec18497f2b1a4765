"""fastai v1's AWD-LSTM (fastai/text/models/awd_lstm.py, 1.0.61) written out in plain PyTorch, with the
same module layout and so the same state_dict keys (0.encoder.weight, 0.encoder_dp.emb.weight,
0.rnns.0.weight_hh_l0_raw, 0.rnns.0.module.weight_ih_l0, 0.rnns.0.module.weight_hh_l0, ...,
1.decoder.weight, 1.decoder.bias), plus a small safetensors reader and writer (the `safetensors` module
is not installed with Debian's python3-torch).

One difference of form: fastai's WeightDropout swaps a dropped copy into nn.LSTM's _parameters before
calling it, which newer PyTorch versions no longer see (nn.LSTM caches _flat_weights); here the LSTM is
called functionally (torch.lstm) with the dropped weight, and module.weight_hh_l0 is a buffer holding
the raw weight, as fastai's state_dict shows it outside training.
"""
import json
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LM_CONFIG = dict(emb_sz=400, n_hid=1152, n_layers=3, pad_token=1, output_p=0.1, hidden_p=0.15, input_p=0.25,
                 embed_p=0.02, weight_p=0.2, tie_weights=True, out_bias=True)


def dropout_mask(x, sz, p):
    return x.new_empty(*sz).bernoulli_(1 - p).div_(1 - p)


class RNNDropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0.:
            return x
        return x * dropout_mask(x.data, (x.size(0), 1, x.size(2)), self.p)


class LSTMLayer(nn.Module):
    """nn.LSTM(n_in, n_out, 1, batch_first=True)'s parameters, PyTorch's init; weight_hh_l0 as a buffer."""

    def __init__(self, n_in, n_out):
        super().__init__()
        lstm = nn.LSTM(n_in, n_out, 1, batch_first=True)
        self.weight_ih_l0 = lstm.weight_ih_l0
        self.bias_ih_l0 = lstm.bias_ih_l0
        self.bias_hh_l0 = lstm.bias_hh_l0
        self.register_buffer('weight_hh_l0', lstm.weight_hh_l0.data.clone())


class WeightDropout(nn.Module):
    def __init__(self, n_in, n_out, weight_p):
        super().__init__()
        self.weight_p = weight_p
        self.module = LSTMLayer(n_in, n_out)
        self.weight_hh_l0_raw = nn.Parameter(self.module.weight_hh_l0.clone())

    def forward(self, x, hx):
        w_hh = F.dropout(self.weight_hh_l0_raw, p=self.weight_p, training=self.training)
        with torch.no_grad():
            self.module.weight_hh_l0.copy_(self.weight_hh_l0_raw)
        m = self.module
        out, h, c = torch.lstm(x, hx, [m.weight_ih_l0, w_hh, m.bias_ih_l0, m.bias_hh_l0], True, 1, 0.0,
                               self.training, False, True)
        return out, (h, c)


class EmbeddingDropout(nn.Module):
    def __init__(self, emb, embed_p):
        super().__init__()
        self.emb, self.embed_p = emb, embed_p
        self.pad_idx = emb.padding_idx if emb.padding_idx is not None else -1

    def forward(self, words):
        if self.training and self.embed_p != 0:
            size = (self.emb.weight.size(0), 1)
            masked = self.emb.weight * dropout_mask(self.emb.weight.data, size, self.embed_p)
        else:
            masked = self.emb.weight
        return F.embedding(words, masked, self.pad_idx)


class AWD_LSTM(nn.Module):
    def __init__(self, vocab_sz, emb_sz, n_hid, n_layers, pad_token=1, hidden_p=0.2, input_p=0.6, embed_p=0.1,
                 weight_p=0.5):
        super().__init__()
        self.bs, self.emb_sz, self.n_hid, self.n_layers = 1, emb_sz, n_hid, n_layers
        self.encoder = nn.Embedding(vocab_sz, emb_sz, padding_idx=pad_token)
        self.encoder_dp = EmbeddingDropout(self.encoder, embed_p)
        self.rnns = nn.ModuleList([WeightDropout(emb_sz if l == 0 else n_hid,
                                                 n_hid if l != n_layers - 1 else emb_sz, weight_p)
                                   for l in range(n_layers)])
        self.encoder.weight.data.uniform_(-0.1, 0.1)
        self.input_dp = RNNDropout(input_p)
        self.hidden_dps = nn.ModuleList([RNNDropout(hidden_p) for l in range(n_layers)])
        self.reset()

    def forward(self, input, from_embeddings=False):
        bs = input.size(0)
        if bs != self.bs:
            self.bs = bs
            self.reset()
        raw_output = self.input_dp(input if from_embeddings else self.encoder_dp(input))
        new_hidden, raw_outputs, outputs = [], [], []
        for l, (rnn, hid_dp) in enumerate(zip(self.rnns, self.hidden_dps)):
            raw_output, new_h = rnn(raw_output, self.hidden[l])
            new_hidden.append(new_h)
            raw_outputs.append(raw_output)
            if l != self.n_layers - 1:
                raw_output = hid_dp(raw_output)
            outputs.append(raw_output)
        self.hidden = [(h.detach(), c.detach()) for h, c in new_hidden]
        return raw_outputs, outputs

    def _one_hidden(self, l):
        nh = self.n_hid if l != self.n_layers - 1 else self.emb_sz
        return next(self.parameters()).new_zeros(1, self.bs, nh)

    def reset(self):
        self.hidden = [(self._one_hidden(l), self._one_hidden(l)) for l in range(self.n_layers)]


class LinearDecoder(nn.Module):
    def __init__(self, n_out, n_hid, output_p, tie_encoder=None, bias=True):
        super().__init__()
        self.decoder = nn.Linear(n_hid, n_out, bias=bias)
        self.decoder.weight.data.uniform_(-0.1, 0.1)
        self.output_dp = RNNDropout(output_p)
        if bias:
            self.decoder.bias.data.zero_()
        if tie_encoder is not None:
            self.decoder.weight = tie_encoder.weight

    def forward(self, input):
        raw_outputs, outputs = input
        decoded = self.decoder(self.output_dp(outputs[-1]))
        return decoded, raw_outputs, outputs


class SequentialRNN(nn.Sequential):
    def reset(self):
        for c in self.children():
            if hasattr(c, 'reset'):
                c.reset()


def language_model(vocab_sz, config=None, drop_mult=1.):
    """fastai's get_language_model(AWD_LSTM, vocab_sz, config, drop_mult)."""
    config = dict(config or LM_CONFIG)
    for k in config:
        if k.endswith('_p'):
            config[k] *= drop_mult
    tie_weights, output_p, out_bias = config.pop('tie_weights'), config.pop('output_p'), config.pop('out_bias')
    encoder = AWD_LSTM(vocab_sz, **config)
    decoder = LinearDecoder(vocab_sz, config['emb_sz'], output_p, encoder.encoder if tie_weights else None,
                            bias=out_bias)
    return SequentialRNN(encoder, decoder)


CLAS_CONFIG = dict(emb_sz=400, n_hid=1152, n_layers=3, pad_token=1, output_p=0.4, hidden_p=0.3, input_p=0.4,
                   embed_p=0.05, weight_p=0.5)


class MultiBatchEncoder(nn.Module):
    """fastai's MultiBatchEncoder: the text in chunks of bptt, the state carried, outputs of the last max_len."""

    def __init__(self, bptt, max_len, module, pad_idx=1):
        super().__init__()
        self.max_len, self.bptt, self.module, self.pad_idx = max_len, bptt, module, pad_idx

    def concat(self, arrs):
        return [torch.cat([l[si] for l in arrs], dim=1) for si in range(len(arrs[0]))]

    def reset(self):
        if hasattr(self.module, 'reset'):
            self.module.reset()

    def forward(self, input):
        bs, sl = input.size()
        self.reset()
        raw_outputs, outputs, masks = [], [], []
        for i in range(0, sl, self.bptt):
            r, o = self.module(input[:, i: min(i + self.bptt, sl)])
            if i > (sl - self.max_len):
                masks.append(input[:, i: min(i + self.bptt, sl)] == self.pad_idx)
                raw_outputs.append(r)
                outputs.append(o)
        return self.concat(raw_outputs), self.concat(outputs), torch.cat(masks, dim=1)


def bn_drop_lin(n_in, n_out, bn=True, p=0., actn=None):
    """fastai's bn_drop_lin: BatchNorm1d, Dropout (if p), Linear, then actn."""
    layers = [nn.BatchNorm1d(n_in)] if bn else []
    if p != 0:
        layers.append(nn.Dropout(p))
    layers.append(nn.Linear(n_in, n_out))
    if actn is not None:
        layers.append(actn)
    return layers


class PoolingLinearClassifier(nn.Module):
    """fastai's PoolingLinearClassifier: masked concat pooling, then bn_drop_lin blocks."""

    def __init__(self, layers, drops):
        super().__init__()
        mod_layers = []
        activs = [nn.ReLU(inplace=True)] * (len(layers) - 2) + [None]
        for n_in, n_out, p, actn in zip(layers[:-1], layers[1:], drops, activs):
            mod_layers += bn_drop_lin(n_in, n_out, p=p, actn=actn)
        self.layers = nn.Sequential(*mod_layers)

    def forward(self, input):
        raw_outputs, outputs, mask = input
        output = outputs[-1]
        avg_pool = output.masked_fill(mask[:, :, None], 0).mean(dim=1)
        avg_pool *= output.size(1) / (output.size(1) - mask.type(avg_pool.dtype).sum(dim=1))[:, None]
        max_pool = output.masked_fill(mask[:, :, None], -float('inf')).max(dim=1)[0]
        x = torch.cat([output[:, -1], max_pool, avg_pool], 1)
        x = self.layers(x)
        return x, raw_outputs, outputs


def text_classifier(vocab_sz, n_class, bptt=70, max_len=20 * 70, config=None, drop_mult=1., lin_ftrs=None, ps=None,
                    pad_idx=1):
    """fastai's get_text_classifier(AWD_LSTM, vocab_sz, n_class, ...)."""
    config = dict(config or CLAS_CONFIG)
    for k in config:
        if k.endswith('_p'):
            config[k] *= drop_mult
    for k in ('tie_weights', 'out_bias'):
        config.pop(k, None)
    if lin_ftrs is None:
        lin_ftrs = [50]
    if ps is None:
        ps = [0.1] * len(lin_ftrs)
    layers = [config['emb_sz'] * 3] + lin_ftrs + [n_class]
    ps = [config.pop('output_p')] + ps
    encoder = MultiBatchEncoder(bptt, max_len, AWD_LSTM(vocab_sz, **config), pad_idx=pad_idx)
    return SequentialRNN(encoder, PoolingLinearClassifier(layers, ps))


def lm_split(model):
    """fastai's awd_lstm_lm_split."""
    groups = [[rnn, dp] for rnn, dp in zip(model[0].rnns, model[0].hidden_dps)]
    return groups + [[model[0].encoder, model[0].encoder_dp, model[1]]]


_DTYPES = {'F32': (np.float32, torch.float32), 'F64': (np.float64, torch.float64), 'I64': (np.int64, torch.int64),
           'I32': (np.int32, torch.int32)}


def read_safetensors(path):
    """Every tensor of a safetensors file, by name (what safetensors.torch.load_file returns)."""
    with open(path, 'rb') as f:
        data = f.read()
    (n,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == '__metadata__':
            continue
        start, end = info['data_offsets']
        np_type, _ = _DTYPES[info['dtype']]
        arr = np.frombuffer(data[8 + n + start:8 + n + end], dtype=np_type).reshape(info['shape'])
        out[name] = torch.from_numpy(arr.copy())
    return out


def write_safetensors(path, tensors):
    """Writes tensors as safetensors (what safetensors.torch.save_file does for contiguous CPU tensors)."""
    names = sorted(tensors)
    header, offset, blobs = {}, 0, []
    inverse = {v[1]: k for k, v in _DTYPES.items()}
    for name in names:
        t = tensors[name].detach().contiguous().cpu()
        blob = t.numpy().tobytes()
        header[name] = {'dtype': inverse[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)
