"""Exports a Hugging Face GPT-2-family causal LM to the model directory format that llmops-gpu loads.

  python3 tools/tinylm/export_hf.py --model DIR --out OUT      # a local HF directory (config.json + weights)
  python3 tools/tinylm/export_hf.py --random-gpt2 --out OUT    # no download: a tiny random GPT-2 (byte vocab)

OUT gets config.json, tokenizer.json, model.pt / model_kv.pt (TorchScript) and model.onnx / model_kv.onnx
(ONNX opset 17, the KV form in the past/present layout ONNX Runtime runs without copying the cache), plus
greedy.json: greedy continuations from the Hugging Face model itself (prompt ids and tokens), which the
Java engines must reproduce (llmops-gpu's HfExportTest, run with LLMOPS_HF_EXPORT_DIR=OUT).

GPT-2 (model_type "gpt2": gpt2, distilgpt2, gpt2-medium/large/xl and the many small GPT-2s) has the
architecture of tools/tinylm/model.py: learned positions, pre-LayerNorm blocks, GELU (tanh), a tied output
head. Its weights are copied into model.TinyLM (Conv1D weights transposed) and exported with the same code
as the shipped tiny model; the script checks that the Hugging Face forward, the plain form and both cached
forms give the same greedy tokens before it writes anything it has not checked. Other architectures stop
with a message: their attention (rotary positions, grouped heads...) needs its own port of model.py.

--random-gpt2 builds GPT2Config(vocab_size=257, ...) with transformers and initialises it randomly (seeded);
the tokenizer is the byte-level one of the shipped tiny model. Without transformers installed it builds the
same GPT-2 weight names and shapes with torch alone, and the reference is then model.TinyLM (so the
conversion and export are checked, the Hugging Face forward is not).

Works with torch 1.13 (Debian's python3-torch) and torch 2.x, and transformers 4.x and 5.x.
"""
import argparse
import json
import math
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export import (TORCHSCRIPT_KV_FORM, check_batched, export_onnx_past, greedy_in_place, greedy_past,  # noqa: E402
                    onnx_export_kwargs, script_in_place, tokenizer_json)
from model import Config, TinyLM, TinyLMPast  # noqa: E402

BYTE_PROMPTS = ["In the beginning", "Hello, world", "abc"]
NEW_TOKENS = 24


def fail(message):
    print("export_hf.py: " + message, file=sys.stderr)
    sys.exit(2)


def transformers_or_none():
    try:
        import transformers  # noqa: F401
        return transformers
    except ImportError:
        return None


def random_gpt2(layers, heads, d_model, context, seed):
    """(state_dict in GPT-2 names, settings, hf_model or None) for a random GPT-2 with a 257-id byte vocab."""
    tf = transformers_or_none()
    torch.manual_seed(seed)
    if tf is not None:
        cfg = tf.GPT2Config(vocab_size=257, n_positions=context, n_embd=d_model, n_layer=layers, n_head=heads,
                            bos_token_id=256, eos_token_id=256, activation_function="gelu_new",
                            resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0, initializer_range=0.2)
        hf = tf.GPT2LMHeadModel(cfg).float().eval()
        settings = settings_of(cfg)
        settings["name"] = "random-gpt2"
        return hf.state_dict(), settings, hf
    d = d_model
    sd = {"transformer.wte.weight": torch.randn(257, d) * 0.2, "transformer.wpe.weight": torch.randn(context, d) * 0.2,
          "transformer.ln_f.weight": 1 + 0.1 * torch.randn(d), "transformer.ln_f.bias": 0.1 * torch.randn(d)}
    for i in range(layers):
        p = "transformer.h.%d." % i
        for name, shape in (("attn.c_attn", (d, 3 * d)), ("attn.c_proj", (d, d)), ("mlp.c_fc", (d, 4 * d)),
                            ("mlp.c_proj", (4 * d, d))):
            sd[p + name + ".weight"] = torch.randn(*shape) * 0.2 / math.sqrt(2 * layers)  # Conv1D: [in, out]
            sd[p + name + ".bias"] = 0.02 * torch.randn(shape[1])
        for ln in ("ln_1", "ln_2"):
            sd[p + ln + ".weight"] = 1 + 0.1 * torch.randn(d)
            sd[p + ln + ".bias"] = 0.1 * torch.randn(d)
    sd["lm_head.weight"] = sd["transformer.wte.weight"]
    settings = {"vocab_size": 257, "n_positions": context, "n_embd": d, "n_layer": layers, "n_head": heads,
                "eos_token_id": 256, "layer_norm_epsilon": 1e-5, "name": "random-gpt2"}
    return sd, settings, None


def settings_of(cfg):
    if getattr(cfg, "model_type", None) != "gpt2":
        fail("only GPT-2-family models (model_type \"gpt2\") can be exported; this one is %r. Port its attention "
             "to tools/tinylm/model.py first." % getattr(cfg, "model_type", None))
    if getattr(cfg, "activation_function", "gelu_new") not in ("gelu_new", "gelu_pytorch_tanh"):
        fail("activation_function %r is not GPT-2's gelu_new" % cfg.activation_function)
    for flag in ("scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn", "add_cross_attention"):
        if getattr(cfg, flag, False):
            fail("%s=True is not supported" % flag)
    if not getattr(cfg, "scale_attn_weights", True):
        fail("scale_attn_weights=False is not supported")
    eos = cfg.eos_token_id
    if isinstance(eos, (list, tuple)):
        eos = eos[0]
    return {"vocab_size": cfg.vocab_size, "n_positions": cfg.n_positions, "n_embd": cfg.n_embd,
            "n_layer": cfg.n_layer, "n_head": cfg.n_head, "eos_token_id": eos,
            "layer_norm_epsilon": cfg.layer_norm_epsilon, "name": getattr(cfg, "_name_or_path", "") or "gpt2"}


def to_tinylm(sd, s):
    """Copies GPT-2 weights (HF names, Conv1D [in, out] layout) into model.TinyLM."""
    sd = {k[len("transformer."):] if k.startswith("transformer.") else k: v for k, v in sd.items()}
    if "lm_head.weight" in sd and not torch.equal(sd["lm_head.weight"], sd["wte.weight"]):
        fail("the output head is not tied to the token embedding (tie_word_embeddings=False); not supported")
    c = Config(vocab_size=s["vocab_size"], n_layer=s["n_layer"], n_head=s["n_head"], d_model=s["n_embd"],
               context=s["n_positions"], eos_id=s["eos_token_id"], gelu="tanh", ln_eps=s["layer_norm_epsilon"])
    lm = TinyLM(c)

    # GPT-2's Conv1D stores [in, out] (c_attn: [d, 3d]); nn.Linear (and a model saved with Linear) [out, in]
    conv1d = tuple(sd["h.0.attn.c_attn.weight"].shape) == (c.d_model, 3 * c.d_model)

    def conv(name):
        w = sd[name + ".weight"]
        return w.t().contiguous() if conv1d else w

    ours = {"tok.weight": sd["wte.weight"], "pos.weight": sd["wpe.weight"][:c.context],
            "ln.weight": sd["ln_f.weight"], "ln.bias": sd["ln_f.bias"]}
    for i in range(c.n_layer):
        p = "h.%d." % i
        ours.update({
            "blocks.%d.ln1.weight" % i: sd[p + "ln_1.weight"], "blocks.%d.ln1.bias" % i: sd[p + "ln_1.bias"],
            "blocks.%d.qkv.weight" % i: conv(p + "attn.c_attn"), "blocks.%d.qkv.bias" % i: sd[p + "attn.c_attn.bias"],
            "blocks.%d.proj.weight" % i: conv(p + "attn.c_proj"), "blocks.%d.proj.bias" % i: sd[p + "attn.c_proj.bias"],
            "blocks.%d.ln2.weight" % i: sd[p + "ln_2.weight"], "blocks.%d.ln2.bias" % i: sd[p + "ln_2.bias"],
            "blocks.%d.fc.weight" % i: conv(p + "mlp.c_fc"), "blocks.%d.fc.bias" % i: sd[p + "mlp.c_fc.bias"],
            "blocks.%d.out.weight" % i: conv(p + "mlp.c_proj"), "blocks.%d.out.bias" % i: sd[p + "mlp.c_proj.bias"],
        })
    lm.load_state_dict({k: v.detach().float().clone() for k, v in ours.items()})
    return lm.eval(), c


def hf_greedy(hf, ids, n, eos):
    out = []
    with torch.no_grad():
        for _ in range(n):
            logits = hf(torch.tensor([ids + out])).logits[0, -1]
            nxt = int(logits.argmax(-1))
            out.append(nxt)
            if nxt == eos:
                break
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--model", help="a local Hugging Face model directory (config.json + weights)")
    src.add_argument("--random-gpt2", action="store_true", help="a tiny random GPT-2 (no download)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", help="the model name in config.json")
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=2)
    ap.add_argument("--d-model", type=int, default=64)
    ap.add_argument("--context", type=int, default=128)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--prompt", action="append", help="prompts for greedy.json (repeatable)")
    a = ap.parse_args()

    hf = None
    if a.random_gpt2:
        sd, s, hf = random_gpt2(a.layers, a.heads, a.d_model, a.context, a.seed)
        tok_json = tokenizer_json(256)
        encode = lambda text: list(text.encode("utf-8"))  # noqa: E731
        decode = lambda ids: bytes(i for i in ids if i < 256).decode("utf-8", "replace")  # noqa: E731
    else:
        tf = transformers_or_none()
        if tf is None:
            fail("--model needs the transformers package (pip install transformers)")
        s = settings_of(tf.AutoConfig.from_pretrained(a.model))
        hf = tf.AutoModelForCausalLM.from_pretrained(a.model).float().eval()
        sd = hf.state_dict()
        tok = tf.AutoTokenizer.from_pretrained(a.model)
        if os.path.exists(os.path.join(a.model, "tokenizer.json")):
            tok_json = json.load(open(os.path.join(a.model, "tokenizer.json"), encoding="utf-8"))
        else:
            tmp = os.path.join(a.out, ".tokenizer")
            tok.save_pretrained(tmp)
            if not os.path.exists(os.path.join(tmp, "tokenizer.json")):
                fail("the tokenizer has no fast (tokenizer.json) form")
            tok_json = json.load(open(os.path.join(tmp, "tokenizer.json"), encoding="utf-8"))
            shutil.rmtree(tmp)
        encode = lambda text: tok(text)["input_ids"]  # noqa: E731
        decode = lambda ids: tok.decode(ids)  # noqa: E731

    lm, c = to_tinylm(sd, s)
    kv = script_in_place(lm)
    os.makedirs(a.out, exist_ok=True)

    # check before writing: Hugging Face forward = plain form = cached form = past form, greedy
    cases = []
    for p in a.prompt or BYTE_PROMPTS:
        ids = encode(p)
        plain = []
        with torch.no_grad():
            for _ in range(NEW_TOKENS):
                nxt = int(lm(torch.tensor([ids + plain])).argmax(-1)[0])
                plain.append(nxt)
                if nxt == c.eos_id:
                    break
        if hf is not None:
            ref = hf_greedy(hf, ids, NEW_TOKENS, c.eos_id)
            if ref != plain:
                fail("the converted model disagrees with the Hugging Face forward on %r: %s vs %s" % (p, plain, ref))
        past = greedy_past(TinyLMPast(lm).eval(), c, ids, len(plain))
        if past != plain:
            fail("the past (ONNX) form disagrees with the plain form on %r" % p)
        if greedy_in_place(kv, c, ids, len(plain)) != plain:
            fail("the in-place (TorchScript) KV form disagrees with the plain form on %r" % p)
        cases.append({"prompt": p, "prompt_ids": ids, "tokens": plain, "text": decode(plain)})
    check_batched(lm, kv, TinyLMPast(lm).eval(), c, [case["prompt_ids"] for case in cases])

    torch.jit.script(lm).save(os.path.join(a.out, "model.pt"))
    kv.save(os.path.join(a.out, "model_kv.pt"))
    ids = torch.tensor([cases[0]["prompt_ids"]])
    with torch.no_grad():
        torch.onnx.export(lm, (ids,), os.path.join(a.out, "model.onnx"), opset_version=17,
                          input_names=["input_ids"], output_names=["logits"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}},
                          **onnx_export_kwargs())
    export_onnx_past(lm, c, os.path.join(a.out, "model_kv.onnx"))
    with open(os.path.join(a.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok_json, f, ensure_ascii=False)
    config = {
        "format": "llmops-decoder/1", "name": a.name or s["name"], "architecture": "gpt2",
        "vocab_size": c.vocab_size, "context_length": c.context, "n_layer": c.n_layer, "n_head": c.n_head,
        "d_model": c.d_model, "eos_token_id": c.eos_id, "tokenizer": "tokenizer.json",
        "torchscript_kv_form": TORCHSCRIPT_KV_FORM,
        "files": {"torchscript": "model.pt", "torchscript_kv": "model_kv.pt",
                  "onnx": "model.onnx", "onnx_kv": "model_kv.onnx"},
        "exported_by": {"script": "tools/tinylm/export_hf.py", "torch": torch.__version__,
                        "transformers": getattr(transformers_or_none(), "__version__", None),
                        "source": "random-gpt2 seed %d" % a.seed if a.random_gpt2 else os.path.basename(
                            os.path.normpath(a.model)),
                        "reference": "huggingface" if hf is not None else "tinylm"},
    }
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(a.out, "greedy.json"), "w") as f:
        json.dump({"max_new_tokens": NEW_TOKENS, "cases": cases}, f, indent=1)
    for e in cases:
        print(repr(e["prompt"]), "->", e["tokens"])
    print("wrote", a.out, "(reference: %s)" % config["exported_by"]["reference"])


if __name__ == "__main__":
    main()
