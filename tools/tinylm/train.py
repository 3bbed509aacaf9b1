"""Trains the tiny byte-level LM on the verse file written by corpus.py.

Each verse is its UTF-8 bytes followed by the end token (id 256). Every 50th verse is held out.
Seeded; runs on CUDA when present (bf16 autocast), else CPU. Writes the weights as a numpy .npz of the state
dict (float32), which export.py turns into TorchScript and ONNX with whatever torch version is at hand.

  python3 train.py --corpus kjv.txt --steps 8000 --out weights.npz
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, __file__.rsplit("/", 1)[0] if "/" in __file__ else ".")
from model import Config, TinyLM  # noqa: E402


def streams(path, eos):
    train, held = [], []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            ids = list(line.rstrip("\n").encode("utf-8")) + [eos]
            (held if i % 50 == 49 else train).extend(ids)
    return torch.tensor(train, dtype=torch.long), torch.tensor(held, dtype=torch.long)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--steps", type=int, default=8000)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--max-minutes", type=float, default=1e9)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--out", default="weights.npz")
    ap.add_argument("--log", default="train-log.json")
    a = ap.parse_args()

    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    c = Config()
    train, held = streams(a.corpus, c.eos_id)
    train, held = train.to(dev), held.to(dev)
    model = TinyLM(c).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.95), weight_decay=0.1)
    gen = torch.Generator(device="cpu").manual_seed(a.seed)
    T = c.context
    warm = max(1, a.steps // 50)

    def batch(data, n, g):
        ix = torch.randint(0, data.numel() - T - 1, (n,), generator=g)
        rows = ix.unsqueeze(1) + torch.arange(T + 1).unsqueeze(0)
        chunk = data[rows.to(data.device)]
        return chunk[:, :-1], chunk[:, 1:]

    @torch.no_grad()
    def evaluate(n_batches=10):
        model.eval()
        g = torch.Generator(device="cpu").manual_seed(7)
        tot = 0.0
        for _ in range(n_batches):
            x, y = batch(held, 64, g)
            with torch.autocast(dev, dtype=torch.bfloat16, enabled=dev == "cuda"):
                lg = model.all_logits(x)
            tot += F.cross_entropy(lg.float().reshape(-1, c.vocab_size), y.reshape(-1)).item()
        model.train()
        return tot / n_batches / math.log(2)  # bits per byte

    log = {"device": dev, "torch": torch.__version__, "seed": a.seed, "batch": a.batch, "context": T,
           "params": sum(p.numel() for p in model.parameters()), "train_bytes": train.numel(),
           "held_out_bytes": held.numel(), "evals": []}
    t0 = time.time()
    step = 0
    for step in range(1, a.steps + 1):
        lr = a.lr * min(1.0, step / warm) * 0.5 * (1 + math.cos(math.pi * min(1.0, step / a.steps)))
        for group in opt.param_groups:
            group["lr"] = lr
        x, y = batch(train, a.batch, gen)
        with torch.autocast(dev, dtype=torch.bfloat16, enabled=dev == "cuda"):
            lg = model.all_logits(x)
        loss = F.cross_entropy(lg.float().reshape(-1, c.vocab_size), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 500 == 0 or step == a.steps:
            e = {"step": step, "train_bits_per_byte": loss.item() / math.log(2),
                 "held_out_bits_per_byte": evaluate(), "seconds": round(time.time() - t0, 1)}
            log["evals"].append(e)
            print(json.dumps(e), flush=True)
        if time.time() - t0 > a.max_minutes * 60:
            print("time cap reached at step", step, flush=True)
            break
    log["steps"] = step
    log["final_held_out_bits_per_byte"] = evaluate(50)
    log["seconds"] = round(time.time() - t0, 1)
    print(json.dumps({"final": log["final_held_out_bits_per_byte"], "steps": step}), flush=True)
    np.savez(a.out, **{k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()})
    with open(a.log, "w") as f:
        json.dump(log, f, indent=1)


if __name__ == "__main__":
    main()
