"""Turns weights.npz (from train.py) into a model directory that llmops-gpu loads:

  config.json      architecture, vocabulary, context length, special tokens, tensor names
  tokenizer.json   Hugging Face tokenizers format: byte-level, id = byte value, <|endoftext|> = 256
  model.pt         TorchScript, no cache:   input_ids[B,T] -> logits[B,V] (last position)
  model_kv.pt      TorchScript, KV cache:   (input_ids[B,T], start[B], cache[B,L,2,H,C,Dh]) -> (logits[B,V], cache)
                   C, the cache capacity, may be anything up to the context length (positions must be < C)
  model.onnx       ONNX opset 17, the same two forms
  model_kv.onnx
  greedy.json      greedy continuations computed here (fixture: the Java engines must give the same tokens)

Checked with Debian's python3-torch 1.13.1 (the TorchScript it writes loads in DJL's libtorch 2.7.1).

  python3 export.py --weights weights.npz --out DIR [--log train-log.json]
"""
import argparse
import json
import os
import shutil
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Config, TinyLM, TinyLMCached, empty_cache  # noqa: E402

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--log")
    a = ap.parse_args()
    torch.manual_seed(0)
    c = Config()
    lm = TinyLM(c)
    w = np.load(a.weights)
    lm.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
    lm.eval()
    kv = TinyLMCached(lm).eval()
    os.makedirs(a.out, exist_ok=True)

    torch.jit.script(lm).save(os.path.join(a.out, "model.pt"))
    torch.jit.script(kv).save(os.path.join(a.out, "model_kv.pt"))
    ids = torch.tensor([list(b"In the beginning")])
    torch.onnx.export(lm, (ids,), os.path.join(a.out, "model.onnx"), opset_version=17,
                      input_names=["input_ids"], output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}})
    cache = empty_cache(c, 1)
    start = torch.zeros(1, dtype=torch.long)
    torch.onnx.export(kv, (ids, start, cache), os.path.join(a.out, "model_kv.onnx"), opset_version=17,
                      input_names=["input_ids", "start", "cache"], output_names=["logits", "cache_out"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "start": {0: "batch"},
                                    "cache": {0: "batch", 4: "capacity"}, "logits": {0: "batch"},
                                    "cache_out": {0: "batch", 4: "capacity"}})

    config = {
        "format": "llmops-decoder/1", "name": "llmops-tiny-kjv", "architecture": "gpt-byte",
        "vocab_size": c.vocab_size, "context_length": c.context, "n_layer": c.n_layer, "n_head": c.n_head,
        "d_model": c.d_model, "eos_token_id": c.eos_id, "bos_token_id": None,
        "special_tokens": {"eos": "<|endoftext|>"},
        "tokenizer": "tokenizer.json",
        "cache_shape": ["batch", c.n_layer, 2, c.n_head, "capacity <= context_length", c.d_model // c.n_head],
        "files": {"torchscript": "model.pt", "torchscript_kv": "model_kv.pt",
                  "onnx": "model.onnx", "onnx_kv": "model_kv.onnx"},
        "inputs": {"plain": ["input_ids"], "kv": ["input_ids", "start", "cache"]},
        "outputs": {"plain": ["logits"], "kv": ["logits", "cache_out"]},
        "parameters": sum(p.numel() for p in lm.parameters()),
        "licence": "model weights: Apache-2.0 (trained by the llmops project); training text: King James Bible, public domain",
    }
    if a.log:
        log = json.load(open(a.log))
        config["training"] = {k: log[k] for k in ("steps", "batch", "seed", "device", "torch",
                                                  "final_held_out_bits_per_byte", "seconds")}
        shutil.copy(a.log, os.path.join(a.out, "train-log.json"))
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(a.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(c.eos_id), f, ensure_ascii=False)

    # fixture: greedy continuations (full recompute) and a check that the cached form agrees
    fixture = []
    for p in PROMPTS:
        toks = greedy(lm, p, 48, c.eos_id)
        pid = torch.tensor([list(p.encode("utf-8"))])
        cache = empty_cache(c, 1)
        lg, cache = kv(pid, torch.zeros(1, dtype=torch.long), cache)
        got = []
        pos = pid.shape[1]
        with torch.no_grad():
            while len(got) < len(toks):
                t = int(lg.argmax(-1)[0])
                got.append(t)
                lg, cache = kv(torch.tensor([[t]]), torch.tensor([pos]), cache)
                pos += 1
        assert got == toks, (p, got, toks)
        fixture.append({"prompt": p, "tokens": toks})
    with open(os.path.join(a.out, "greedy.json"), "w") as f:
        json.dump({"max_new_tokens": 48, "cases": fixture}, f, indent=1)
    for e in fixture:
        print(repr(e["prompt"]), "->", repr(bytes(t for t in e["tokens"] if t < 256).decode("utf-8", "replace")))


if __name__ == "__main__":
    main()
