"""A tiny byte-level decoder-only transformer (GPT style), written for torch 1.13 (export) and 2.x (training).

Four forward forms share the weights:
  * TinyLM.forward(input_ids[B,T]) -> logits of the last position [B,V] (no cache; the whole prefix is recomputed)
  * TinyLMInPlace.forward(input_ids[B,T], start[B], cache[L,2,B,H,C,Dh]) -> logits[B,V]   (model_kv.pt)
    The TorchScript KV form. The cache has a capacity of C slots (up to the context length). Row b holds the
    keys and values of positions 0..start[b]-1; this call writes positions start[b]..start[b]+T-1 into the
    caller's tensor in place (scatter_) and attends to positions <= its own. Every sequence of a batch keeps
    its own position, so sequences of different lengths share one batch. Only the logits come back: a step
    copies nothing of the cache, and each layer's block cache[i, k] is a contiguous [B,H,C,Dh] tensor, so the
    batched attention products read it in place.
  * TinyLMCached.forward(input_ids[B,T], start[B], cache[B,L,2,H,C,Dh]) -> (logits[B,V], cache')
    The earlier TorchScript KV form, kept for gpu_decode_bench.py (whose recorded GPU figures used it): it
    returns the whole cache, which costs several passes over it per step (masking, stacking); on the CPU at
    batch 8 that was most of a step.
  * TinyLMPast.forward(input_ids[B,T], start[B], past_key_0[B,H,C,Dh], past_value_0, ..., past_value_{L-1})
      -> (logits[B,V], present[L,2,B,H,T,Dh])
    The same attention, but the cache is read only: slots 0..start[b]-1 of row b are attended to, and the
    keys and values of the T new positions come back in `present` for the caller to write into slots
    start[b]..start[b]+T-1 itself. This is the ONNX form: ONNX Runtime copies a tensor on every slice and
    every output (no in-place write into an input), so a single-tensor cache costs several passes over it per step,
    while this form reads it once (the two attention products) and returns a few KB.

Both KV forms attend to all C slots of the cache (masked past each row's position). Reading only the live
prefix (slots 0..max(start)+T-1) was tried (commit "KV forms attend to the live prefix only": a scripted
view in TinyLMInPlace, an ONNX Slice with a graph-computed end in TinyLMPast) and measured slower on the CPU
(ONNX Runtime 6-28%, DJL PyTorch 2-16% per step, thread CPU time, alternating in one JVM): LocalBackend's
capacity is at most 31 slots past the live prefix, and the slices cost more than those slots (ONNX Runtime
copies every slice). See docs/local-models.md.
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Config:
    def __init__(self, vocab_size=257, n_layer=4, n_head=4, d_model=128, context=256, eos_id=256, gelu="none",
                 ln_eps=1e-5):
        self.vocab_size = vocab_size
        self.n_layer = n_layer
        self.n_head = n_head
        self.d_model = d_model
        self.context = context
        self.eos_id = eos_id
        self.gelu = gelu  # "none" (erf, the tiny model) or "tanh" (GPT-2's gelu_new)
        self.ln_eps = ln_eps


class Block(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.n_head = c.n_head
        self.d_head = c.d_model // c.n_head
        self.gelu = c.gelu
        self.ln1 = nn.LayerNorm(c.d_model, eps=c.ln_eps)
        self.qkv = nn.Linear(c.d_model, 3 * c.d_model)
        self.proj = nn.Linear(c.d_model, c.d_model)
        self.ln2 = nn.LayerNorm(c.d_model, eps=c.ln_eps)
        self.fc = nn.Linear(c.d_model, 4 * c.d_model)
        self.out = nn.Linear(4 * c.d_model, c.d_model)

    def mlp(self, x):
        return self.out(F.gelu(self.fc(self.ln2(x)), approximate=self.gelu))

    def split(self, x):
        b, t = x.shape[0], x.shape[1]
        q, k, v = self.qkv(self.ln1(x)).chunk(3, dim=-1)
        q = q.reshape(b, t, self.n_head, self.d_head).transpose(1, 2)
        k = k.reshape(b, t, self.n_head, self.d_head).transpose(1, 2)
        v = v.reshape(b, t, self.n_head, self.d_head).transpose(1, 2)
        return q, k, v

    def forward(self, x, mask):
        # mask: [T, T] additive (0 or -inf)
        b, t = x.shape[0], x.shape[1]
        q, k, v = self.split(x)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.d_head)) + mask
        y = att.softmax(dim=-1) @ v
        x = x + self.proj(y.transpose(1, 2).reshape(b, t, self.n_head * self.d_head))
        return x + self.mlp(x)

    def forward_cached(self, x, onehot, keep, mask, kc, vc):
        # x [B,T,D]; onehot [B,T,C] (1 where query t writes slot c); keep [B,1,C,1] (1 where the slot is kept)
        # mask [B,1,T,C] additive; kc, vc [B,H,C,Dh]
        b, t = x.shape[0], x.shape[1]
        q, k, v = self.split(x)
        oh = onehot.unsqueeze(1)  # [B,1,T,C]
        kc = kc * keep + oh.transpose(-2, -1) @ k   # [B,H,C,T] @ [B,H,T,Dh] -> [B,H,C,Dh]
        vc = vc * keep + oh.transpose(-2, -1) @ v
        att = (q @ kc.transpose(-2, -1)) * (1.0 / math.sqrt(self.d_head)) + mask
        y = att.softmax(dim=-1) @ vc
        x = x + self.proj(y.transpose(1, 2).reshape(b, t, self.n_head * self.d_head))
        return x + self.mlp(x), kc, vc


class TinyLM(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.context = c.context
        self.tok = nn.Embedding(c.vocab_size, c.d_model)
        self.pos = nn.Embedding(c.context, c.d_model)
        self.blocks = nn.ModuleList([Block(c) for _ in range(c.n_layer)])
        self.ln = nn.LayerNorm(c.d_model, eps=c.ln_eps)
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=0.02)
                if isinstance(m, nn.Linear) and m.bias is not None:
                    nn.init.zeros_(m.bias)

    def hidden(self, idx):
        t = idx.shape[1]
        pos = torch.arange(t, device=idx.device)
        x = self.tok(idx) + self.pos(pos).unsqueeze(0)
        mask = torch.full((t, t), float("-inf"), device=idx.device).triu(1)
        for blk in self.blocks:
            x = blk(x, mask)
        return self.ln(x)

    def all_logits(self, idx):
        return self.hidden(idx) @ self.tok.weight.t()

    def forward(self, input_ids):
        h = self.hidden(input_ids)
        return h[:, -1, :] @ self.tok.weight.t()


class TinyLMCached(nn.Module):
    def __init__(self, lm: TinyLM):
        super().__init__()
        self.lm = lm
        self.context = lm.context

    def forward(self, input_ids, start, cache):
        lm = self.lm
        t = input_ids.shape[1]
        c = cache.shape[4]
        steps = torch.arange(t, device=input_ids.device)
        pos = start.unsqueeze(1) + steps.unsqueeze(0)  # [B,T]
        x = lm.tok(input_ids) + lm.pos(pos)
        slots = torch.arange(c, device=input_ids.device)
        onehot = (pos.unsqueeze(2) == slots.view(1, 1, c)).to(x.dtype)  # [B,T,C]
        keep = (slots.view(1, c) < start.unsqueeze(1)).to(x.dtype).view(-1, 1, c, 1)  # [B,1,C,1]
        visible = slots.view(1, 1, c) <= pos.unsqueeze(2)  # [B,T,C]
        mask = torch.zeros_like(onehot).masked_fill(~visible, float("-inf")).unsqueeze(1)
        outs = []
        for i, blk in enumerate(lm.blocks):
            x, kc, vc = blk.forward_cached(x, onehot, keep, mask, cache[:, i, 0], cache[:, i, 1])
            outs.append(torch.stack([kc, vc], dim=1))
        h = lm.ln(x[:, -1, :])
        return h @ lm.tok.weight.t(), torch.stack(outs, dim=1)


class TinyLMPast(nn.Module):
    def __init__(self, lm: TinyLM):
        super().__init__()
        self.lm = lm
        d_head = lm.blocks[0].d_head
        # q is scaled by a [d_head] vector, not a scalar: ONNX Runtime folds a scalar scale into the matmul's
        # alpha, and a matmul with alpha != 1 misses MLAS's fast one-row (decode step) kernel
        self.register_buffer("scale", torch.full((d_head,), 1.0 / math.sqrt(d_head)))

    def forward(self, input_ids, start, *past):
        lm = self.lm
        b, t = input_ids.shape[0], input_ids.shape[1]
        c = past[0].shape[2]
        steps = torch.arange(t, device=input_ids.device)
        pos = start.unsqueeze(1) + steps.unsqueeze(0)  # [B,T]
        x = lm.tok(input_ids) + lm.pos(pos)
        slots = torch.arange(c, device=input_ids.device)
        valid = (slots.view(1, c) < start.unsqueeze(1)).view(-1, 1, 1, c)  # [B,1,1,C]
        mask_past = torch.zeros_like(valid, dtype=x.dtype).masked_fill(~valid, float("-inf"))
        mask_new = torch.full((t, t), float("-inf"), device=x.device).triu(1)  # [T,T]
        news = []
        for i, blk in enumerate(lm.blocks):
            q, k, v = blk.split(x)  # [B,H,T,Dh]
            kc, vc = past[2 * i], past[2 * i + 1]  # [B,H,C,Dh]
            qs = q * self.scale
            s_past = qs @ kc.transpose(-2, -1) + mask_past  # [B,H,T,C]
            s_new = qs @ k.transpose(-2, -1) + mask_new  # [B,H,T,T]
            att = torch.cat([s_past, s_new], dim=-1).softmax(dim=-1)
            y = att[:, :, :, :c] @ vc + att[:, :, :, c:] @ v
            x = x + blk.proj(y.transpose(1, 2).reshape(b, t, blk.n_head * blk.d_head))
            x = x + blk.mlp(x)
            news.append(torch.stack([k, v], dim=0))
        h = lm.ln(x[:, -1, :])
        return h @ lm.tok.weight.t(), torch.stack(news, dim=0)


def empty_cache(c: Config, batch: int, device="cpu"):
    return torch.zeros(batch, c.n_layer, 2, c.n_head, c.context, c.d_model // c.n_head, device=device)


class TinyLMInPlace(nn.Module):
    """The TorchScript KV form: cache[L,2,B,H,C,Dh] is written in place, only the logits come back.

    forward(input_ids[B,T], start[B], cache[L,2,B,H,C,Dh]) -> logits[B,V]. The keys and values of the T new
    positions go into slots start[b]..start[b]+T-1 of row b of the caller's tensor (scatter_), and attention
    reads slots 0..start[b]+t of it. Nothing but the few new slots is written, so a step costs the two
    attention products over the cache and no copy of it; each layer's block cache[i, 0] / cache[i, 1] is a
    contiguous [B,H,C,Dh] tensor, so the batched products need no copy either.
    """

    def __init__(self, lm: TinyLM):
        super().__init__()
        self.lm = lm
        self.n_head = lm.blocks[0].n_head
        self.d_head = lm.blocks[0].d_head

    def forward(self, input_ids, start, cache):
        lm = self.lm
        b, t = input_ids.shape[0], input_ids.shape[1]
        c = cache.shape[4]
        steps = torch.arange(t, device=input_ids.device)
        pos = start.unsqueeze(1) + steps.unsqueeze(0)  # [B,T]
        x = lm.tok(input_ids) + lm.pos(pos)
        slots = torch.arange(c, device=input_ids.device)
        visible = slots.view(1, 1, c) <= pos.unsqueeze(2)  # [B,T,C]
        mask = torch.zeros(b, t, c, dtype=x.dtype, device=x.device).masked_fill(~visible, float("-inf"))
        mask = mask.unsqueeze(1)  # [B,1,T,C]
        where = pos.view(b, 1, t, 1).expand(b, self.n_head, t, self.d_head)  # slot of each new key / value
        scale = 1.0 / math.sqrt(self.d_head)
        for i, blk in enumerate(lm.blocks):
            q, k, v = blk.split(x)  # [B,H,T,Dh]
            kc = cache[i, 0]  # [B,H,C,Dh], a view of the caller's tensor
            vc = cache[i, 1]
            kc.scatter_(2, where, k)
            vc.scatter_(2, where, v)
            att = (q @ kc.transpose(-2, -1)) * scale + mask
            y = att.softmax(dim=-1) @ vc
            x = x + blk.proj(y.transpose(1, 2).reshape(b, t, blk.n_head * blk.d_head))
            x = x + blk.mlp(x)
        h = lm.ln(x[:, -1, :])
        return h @ lm.tok.weight.t()
