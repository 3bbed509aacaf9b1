"""Bare decode throughput of the tiny model's KV-cache form on a CUDA GPU (torch 2.x), and its share of the
HBM roofline. Used for the GPU figures in docs/local-models.md (Java could not run on that machine: see there).

  python3 gpu_decode_bench.py --weights weights.npz [--hbm-tbps 3.35]
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Config, TinyLM, TinyLMCached, empty_cache  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--hbm-tbps", type=float, default=3.35)
    ap.add_argument("--new-tokens", type=int, default=100)
    ap.add_argument("--out")
    ap.add_argument("--device", default="cuda")
    a = ap.parse_args()
    c = Config()
    lm = TinyLM(c)
    w = np.load(a.weights)
    lm.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
    dev = a.device
    sync = torch.cuda.synchronize if dev == "cuda" else (lambda: None)
    kv = TinyLMCached(lm).to(dev).eval()
    params_bytes = sum(p.numel() for p in lm.parameters()) * 4
    row_bytes = c.n_layer * 2 * c.n_head * c.context * (c.d_model // c.n_head) * 4
    prompt = torch.tensor([list(b"And it came to pass")], device=dev)
    results = {"device": torch.cuda.get_device_name(0) if dev == "cuda" else "cpu", "torch": torch.__version__, "rows": []}
    for graphs in ((False, True) if dev == "cuda" else (False,)):
        for b in ((1, 8, 64, 256) if dev == "cuda" else (1, 8)):
            with torch.inference_mode():
                cache = empty_cache(c, b, dev)
                ids = prompt.repeat(b, 1)
                start = torch.zeros(b, dtype=torch.long, device=dev)
                logits, cache = kv(ids, start, cache)
                tok = logits.argmax(-1, keepdim=True)
                pos = torch.full((b,), prompt.shape[1], dtype=torch.long, device=dev)
                if graphs:
                    static_tok, static_pos, static_cache = tok.clone(), pos.clone(), cache.clone()
                    s = torch.cuda.Stream()
                    s.wait_stream(torch.cuda.current_stream())
                    with torch.cuda.stream(s):
                        for _ in range(3):
                            kv(static_tok, static_pos, static_cache)
                    torch.cuda.current_stream().wait_stream(s)
                    g = torch.cuda.CUDAGraph()
                    with torch.cuda.graph(g):
                        out_logits, out_cache = kv(static_tok, static_pos, static_cache)
                    def step():
                        g.replay()
                        static_cache.copy_(out_cache)
                        static_tok.copy_(out_logits.argmax(-1, keepdim=True))
                        static_pos.add_(1)
                else:
                    state = {"tok": tok, "pos": pos, "cache": cache}
                    def step():
                        lg, state["cache"] = kv(state["tok"], state["pos"], state["cache"])
                        state["tok"] = lg.argmax(-1, keepdim=True)
                        state["pos"] = state["pos"] + 1
                n = min(a.new_tokens, c.context - prompt.shape[1] - 1)
                for _ in range(5):
                    step()
                sync()
                t0 = time.perf_counter()
                for _ in range(n):
                    step()
                sync()
                dt = time.perf_counter() - t0
            step_s = dt / n
            # bytes a step must move at least: weights once, every cache row read and written once
            bytes_min = params_bytes + b * row_bytes * 2
            roof_s = bytes_min / (a.hbm_tbps * 1e12)
            row = {"cuda_graphs": graphs, "batch": b, "tokens_per_s": round(b * n / dt), "ms_per_step":
                   round(step_s * 1e3, 3), "hbm_roofline_share": round(roof_s / step_s, 4),
                   "peak_gpu_mib": round(torch.cuda.max_memory_allocated() / 2**20, 1) if dev == "cuda" else None}
            results["rows"].append(row)
            print(json.dumps(row), flush=True)
    if a.out:
        json.dump(results, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
