"""Turns weights.npz (from train.py) into a model directory that llmops-gpu loads:

  config.json      architecture, vocabulary, context length, special tokens, tensor names
  tokenizer.json   Hugging Face tokenizers format: byte-level, id = byte value, <|endoftext|> = 256
  model.pt         TorchScript, no cache:   input_ids[B,T] -> logits[B,V] (last position)
  model_kv.pt      TorchScript, KV cache, written in place (model.TinyLMInPlace):
                   (input_ids[B,T], start[B], cache[L,2,B,H,C,Dh]) -> logits[B,V]; the keys and values of the T
                   new positions go into slots start..start+T-1 of the caller's cache tensor, nothing else is
                   written or copied. C, the cache capacity, may be anything up to the context length
                   (positions must be < C)
  model.onnx       ONNX opset 17, no cache (as model.pt)
  model_kv.onnx    ONNX opset 17, KV cache in the "past" form (model.TinyLMPast), which ONNX Runtime runs
                   without copying the cache: (input_ids[B,T], start[B], past_key_0[B,H,C,Dh], past_value_0, ...,
                   past_value_{L-1}) -> (logits[B,V], present[L,2,B,H,T,Dh]); the caller writes `present`
                   into slots start..start+T-1 of its own cache
  greedy.json      greedy continuations computed here (fixture: the Java engines must give the same tokens)

Checked with Debian's python3-torch 1.13.1 (the TorchScript it writes loads in DJL's libtorch 2.7.1).

  python3 export.py --weights weights.npz --out DIR [--log train-log.json]
  python3 export.py --from-torchscript DIR/model.pt --out DIR --only onnx_kv   # re-export one form
  python3 export.py --from-torchscript DIR/model.pt --out DIR --only torchscript_kv
"""
import argparse
import json
import os
import shutil
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Config, TinyLM, TinyLMInPlace, TinyLMPast  # noqa: E402

# the TorchScript KV form's mark in config.json: Java refuses a model_kv.pt whose mark differs (an older export)
TORCHSCRIPT_KV_FORM = "in_place"

PROMPTS = ["In the beginning", "And God said", "The LORD is my shepherd", "Blessed are the",
           "Jesus wept", "And it came to pass"]


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def tokenizer_json(eos_id):
    b2u = bytes_to_unicode()
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": eos_id, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "vocab": {b2u[b]: b for b in range(256)}, "merges": []},
    }


def greedy(model, prompt, n, eos):
    ids = list(prompt.encode("utf-8"))
    out = []
    with torch.no_grad():
        for _ in range(n):
            nxt = int(model(torch.tensor([ids + out])).argmax(-1)[0])
            out.append(nxt)
            if nxt == eos:
                break
    return out


def greedy_in_place(kv, c, prompt_ids, n):
    """Greedy decoding with the in-place TorchScript form, one cache tensor [L,2,1,H,C,Dh] as PtDecodeEngine keeps it."""
    cache = torch.zeros(c.n_layer, 2, 1, c.n_head, len(prompt_ids) + n + 1, c.d_model // c.n_head)
    out = []
    with torch.no_grad():
        lg = kv(torch.tensor([prompt_ids]), torch.zeros(1, dtype=torch.long), cache)
        pos = len(prompt_ids)
        while len(out) < n:
            nxt = int(lg.argmax(-1)[0])
            out.append(nxt)
            lg = kv(torch.tensor([[nxt]]), torch.tensor([pos]), cache)
            pos += 1
    return out


def script_in_place(lm):
    """TorchScript of the in-place KV form. Its parameters need no gradient: an in-place write of a
    gradient-carrying key into the cache would otherwise chain every step's autograd graph to the next."""
    for p in lm.parameters():
        p.requires_grad_(False)
    return torch.jit.script(TinyLMInPlace(lm).eval())


def onnx_export_kwargs():
    """torch >= 2.9 exports with the dynamo exporter by default; the TorchScript-based one keeps dynamic_axes."""
    import inspect
    return {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}


def export_onnx_past(lm, c, path):
    """The KV form for ONNX Runtime: read-only per-layer past keys/values in, the new ones out."""
    past_model = TinyLMPast(lm).eval()
    ids = torch.tensor([list(b"In the beginning")])
    start = torch.zeros(1, dtype=torch.long)
    dh = c.d_model // c.n_head
    past = []
    names = []
    axes = {"input_ids": {0: "batch", 1: "sequence"}, "start": {0: "batch"}, "logits": {0: "batch"},
            "present": {2: "batch", 4: "sequence"}}
    for i in range(c.n_layer):
        for kind in ("key", "value"):
            past.append(torch.zeros(1, c.n_head, 8, dh))
            names.append("past_%s_%d" % (kind, i))
            axes[names[-1]] = {0: "batch", 2: "capacity"}
    with torch.no_grad():
        torch.onnx.export(past_model, (ids, start, *past), path, opset_version=17,
                          input_names=["input_ids", "start"] + names, output_names=["logits", "present"],
                          dynamic_axes=axes, **onnx_export_kwargs())
    return past_model


def greedy_past(past_model, c, prompt_ids, n):
    """Greedy decoding with the past form, writing `present` into a cache as LocalBackend does."""
    dh = c.d_model // c.n_head
    cap = len(prompt_ids) + n + 1
    keys = [torch.zeros(1, c.n_head, cap, dh) for _ in range(2 * c.n_layer)]
    out = []
    with torch.no_grad():
        ids = torch.tensor([prompt_ids])
        start = 0
        while len(out) < n:
            lg, present = past_model(ids, torch.tensor([start]), *keys)
            t = ids.shape[1]
            for i in range(c.n_layer):
                keys[2 * i][:, :, start:start + t] = present[i, 0]
                keys[2 * i + 1][:, :, start:start + t] = present[i, 1]
            start += t
            nxt = int(lg.argmax(-1)[0])
            out.append(nxt)
            ids = torch.tensor([[nxt]])
    return out


def check_batched(lm, kv, past_model, c, prompts, steps=12):
    """Rows at different positions in one batch, in a cache with spare slots past the longest row: each KV
    form's logits of every step must match the plain form's (greedy on the plain form's tokens)."""
    prompts = [list(p) for p in prompts[:4]]
    b, dh = len(prompts), c.d_model // c.n_head
    cap = min(c.context, max(len(p) for p in prompts) + steps + 32)  # spare slots past the longest row
    cache = torch.zeros(c.n_layer, 2, b, c.n_head, cap, dh)
    past = [torch.zeros(b, c.n_head, cap, dh) for _ in range(2 * c.n_layer)]
    seqs = [p[:] for p in prompts]
    with torch.no_grad():
        for r, p in enumerate(prompts):  # each row joins alone, as the engines do for prompts of different lengths
            row = torch.zeros(c.n_layer, 2, 1, c.n_head, cap, dh)
            kv(torch.tensor([p]), torch.zeros(1, dtype=torch.long), row)
            cache[:, :, r] = row[:, :, 0]
            _, present = past_model(torch.tensor([p]), torch.zeros(1, dtype=torch.long),
                                    *[x[r:r + 1] for x in past])
            for i in range(c.n_layer):
                past[2 * i][r, :, :len(p)] = present[i, 0, 0]
                past[2 * i + 1][r, :, :len(p)] = present[i, 1, 0]
        for r in range(b):
            seqs[r].append(int(lm(torch.tensor([seqs[r]])).argmax(-1)[0]))
        for _ in range(steps):
            ids = torch.tensor([[s[-1]] for s in seqs])
            start = torch.tensor([len(s) - 1 for s in seqs])
            want = torch.cat([lm(torch.tensor([s])) for s in seqs])
            got_kv = kv(ids, start, cache)
            got_past, present = past_model(ids, start, *past)
            for r in range(b):
                for i in range(c.n_layer):
                    past[2 * i][r, :, start[r]] = present[i, 0, r, :, 0]
                    past[2 * i + 1][r, :, start[r]] = present[i, 1, r, :, 0]
            assert torch.allclose(got_kv, want, atol=1e-4), "in-place KV form, batched: logits differ"
            assert torch.allclose(got_past, want, atol=1e-4), "past KV form, batched: logits differ"
            for r in range(b):
                seqs[r].append(int(want[r].argmax()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", help="weights.npz from train.py")
    ap.add_argument("--from-torchscript", help="or take the weights from an exported model.pt")
    ap.add_argument("--only", help="comma-separated subset of: torchscript,torchscript_kv,onnx,onnx_kv")
    ap.add_argument("--out", required=True)
    ap.add_argument("--log")
    a = ap.parse_args()
    torch.manual_seed(0)
    c = Config()
    lm = TinyLM(c)
    if a.weights:
        w = np.load(a.weights)
        lm.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
    elif a.from_torchscript:
        lm.load_state_dict(torch.jit.load(a.from_torchscript).state_dict())
    else:
        ap.error("give --weights or --from-torchscript")
    only = set(a.only.split(",")) if a.only else None
    lm.eval()
    kv = script_in_place(lm)
    os.makedirs(a.out, exist_ok=True)

    def wanted(form):
        return only is None or form in only

    if wanted("torchscript"):
        torch.jit.script(lm).save(os.path.join(a.out, "model.pt"))
    if wanted("torchscript_kv"):
        kv.save(os.path.join(a.out, "model_kv.pt"))
    ids = torch.tensor([list(b"In the beginning")])
    if wanted("onnx"):
        torch.onnx.export(lm, (ids,), os.path.join(a.out, "model.onnx"), opset_version=17,
                          input_names=["input_ids"], output_names=["logits"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}},
                          **onnx_export_kwargs())
    past_model = export_onnx_past(lm, c, os.path.join(a.out, "model_kv.onnx")) if wanted("onnx_kv") \
        else TinyLMPast(lm).eval()

    config = {
        "format": "llmops-decoder/1", "name": "llmops-tiny-kjv", "architecture": "gpt-byte",
        "vocab_size": c.vocab_size, "context_length": c.context, "n_layer": c.n_layer, "n_head": c.n_head,
        "d_model": c.d_model, "eos_token_id": c.eos_id, "bos_token_id": None,
        "special_tokens": {"eos": "<|endoftext|>"},
        "tokenizer": "tokenizer.json",
        "cache_shape": [c.n_layer, 2, "batch", c.n_head, "capacity <= context_length", c.d_model // c.n_head],
        "torchscript_kv_form": TORCHSCRIPT_KV_FORM,
        "files": {"torchscript": "model.pt", "torchscript_kv": "model_kv.pt",
                  "onnx": "model.onnx", "onnx_kv": "model_kv.onnx"},
        "inputs": {"plain": ["input_ids"], "kv": ["input_ids", "start", "cache"],
                   "kv_onnx": ["input_ids", "start", "past_key_0", "past_value_0", "...",
                               "past_key_%d" % (c.n_layer - 1), "past_value_%d" % (c.n_layer - 1)]},
        "outputs": {"plain": ["logits"], "kv": ["logits"], "kv_onnx": ["logits", "present"]},
        "parameters": sum(p.numel() for p in lm.parameters()),
        "licence": "model weights: Apache-2.0 (trained by the llmops project); training text: King James Bible, public domain",
    }
    if a.log:
        log = json.load(open(a.log))
        config["training"] = {k: log[k] for k in ("steps", "batch", "seed", "device", "torch",
                                                  "final_held_out_bits_per_byte", "seconds")}
        shutil.copy(a.log, os.path.join(a.out, "train-log.json"))
    elif os.path.exists(os.path.join(a.out, "config.json")):  # re-export: keep the training summary
        old = json.load(open(os.path.join(a.out, "config.json")))
        if "training" in old:
            config["training"] = old["training"]
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(a.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(c.eos_id), f, ensure_ascii=False)

    # fixture: greedy continuations (full recompute) and a check that the cached form agrees
    fixture = []
    for p in PROMPTS:
        toks = greedy(lm, p, 48, c.eos_id)
        got = greedy_in_place(kv, c, list(p.encode("utf-8")), len(toks))
        assert got == toks, (p, got, toks)
        past_got = greedy_past(past_model, c, list(p.encode("utf-8")), len(toks))
        assert past_got == toks, (p, past_got, toks)
        fixture.append({"prompt": p, "tokens": toks})
    check_batched(lm, kv, past_model, c, [p.encode("utf-8") for p in PROMPTS])
    with open(os.path.join(a.out, "greedy.json"), "w") as f:
        json.dump({"max_new_tokens": 48, "cases": fixture}, f, indent=1)
    for e in fixture:
        print(repr(e["prompt"]), "->", repr(bytes(t for t in e["tokens"] if t < 256).decode("utf-8", "replace")))


if __name__ == "__main__":
    main()
