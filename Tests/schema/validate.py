"""Checks the scenario JSON Schema: that it is a valid draft 2020-12 schema, that every
shipped scenario (and every complete example in the language reference) satisfies it, and
that deliberately broken scenarios do not. Prints one line per check and a closing
`N passed, M failed`; exits 1 if anything failed.

Run through Tests/schema/run.sh, which provides jsonschema and PyYAML.
"""

import re
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "parley-scenario.schema.json"
SCENARIOS = ROOT / "Scenarios" / "files"
REFERENCE = ROOT / "docs" / "scenario-language.md"


class ScenarioLoader(yaml.SafeLoader):
    """YAML as editors see it (YAML 1.2 core): dates such as 2022-03-09 stay text."""


ScenarioLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text):
    return yaml.load(text, Loader=ScenarioLoader)


BASE = """\
parley: 1
name: Broken on purpose
clock: { steps: 10 }
parameters:
  rate: { value: 0.5, source: assumption }
state:
  tension: { init: 0.5, min: 0, max: 1, source: assumption }
dynamics:
  tension: "tension * rate"
metrics:
  tension: "tension"
"""

ROADMAP = BASE + """\
actors:
  us: {}
actions:
  us.calm: { effects: { tension: "tension - 0.1" } }
policies:
  us:
    p: { rules: [ { when: "deal.step == 1", do: calm } ] }
roadmaps:
  deal:
    source: assumption
    description: a one-benchmark deal
    starts_when: "tension < 0.4"
    breach: "tension > 0.9"
    snapback: { effects: { tension: "1" }, description: back to the brink }
    steps:
      - name: calm
        benchmark: "did(us.calm)"
        verification: 0.8
        deadline: 3
        reward: { effects: { tension: "tension * 0.5" } }
      - { name: settle, benchmark: "tension < 0.1", verification: "1 - tension" }
"""

BUILTIN = BASE + """\
actors:
  us: { opponent: them }
  them: { opponent: us }
actions:
  us.calm: { flip: push }
  us.push: { flip: calm, effects: { tension: "tension + 0.1" } }
  them.calm: {}
  them.push: {}
policies:
  us:
    gradual:
      builtin: gradual
      cooperate: calm
      defect: push
      source: "Beaufils, Delahaye & Mathieu (1997)"
  them:
    joss:
      builtin: First by Joss
      parameters: { p: 0.8 }
      cooperate: them.calm
      defect: them.push
      opponent_defected: "did(opponent.push) and tension > 0.3"
      description: a strategy from the games library, with its own reading of a defection
"""

CLAIMS = BASE + """\
actors:
  us: { policy: patient }
actions:
  us.calm: { effects: { tension: "tension - 0.1" } }
  us.wait: {}
policies:
  us:
    patient: { rules: [ { do: wait } ] }
    active: { rules: [ { do: calm } ] }
claims:
  calming_lowers_tension:
    claim: "Calming every step leaves less tension than waiting"
    source: assumption
    description: a claim with both arms, a margin in the metric's unit, and a parameter fixed in both
    metric: tension
    baseline: { policies: { us: patient }, set: { rate: 0.9 } }
    alternative: { policies: { us: active }, set: { rate: 0.9 } }
    expect: decrease
    margin: 0.05
  rate_does_not_matter:
    claim: "The rate makes no difference"
    source: assumption
    metric: tension
    alternative: { set: { rate: 0.6 } }
    expect: no_effect
    margin: 0.01
"""

# Each is BASE with one mistake; the schema must reject every one.
BROKEN = {
    "unknown top-level key": BASE + "outcomes:\n  peace: \"tension < 0.1\"\n",
    "metric with two kinds": BASE.replace('tension: "tension"\n', 'tension: { final: "tension", series: "tension" }\n'),
    "clock step 'fortnight'": BASE.replace("clock: { steps: 10 }", "clock: { start: 2021-05, steps: 10, step: fortnight }"),
    "parameter without value": BASE.replace("rate: { value: 0.5, source: assumption }", "rate: { dist: \"uniform(0, 1)\", source: assumption }"),
    "missing clock": BASE.replace("clock: { steps: 10 }\n", ""),
    "misspelled state field": BASE.replace("init: 0.5", "inital: 0.5"),
    "action without actor prefix": BASE + "actions:\n  talk: {}\n",
    "event with two triggers": BASE + "events:\n  shock: { at: 3, hazard: 0.1 }\n",
    "goldstein above 10": BASE + "actors:\n  us: {}\nactions:\n  us.talk: { goldstein: 12 }\n",
    "bad date": BASE.replace("clock: { steps: 10 }", "clock: { start: 2021-13, steps: 10, step: month }"),
    "rule without do": BASE + "actors:\n  us: {}\nactions:\n  us.talk: {}\npolicies:\n  us:\n    p: { rules: [ { when: \"true\" } ] }\n",
    "roadmap step without benchmark": ROADMAP.replace('{ name: settle, benchmark: "tension < 0.1",', "{ name: settle,"),
    "roadmap deadline 0": ROADMAP.replace("deadline: 3", "deadline: 0"),
    "builtin policy with rules too": BUILTIN.replace("builtin: gradual\n", "builtin: gradual\n      rules: [ { do: calm } ]\n"),
    "builtin policy without defect": BUILTIN.replace("      defect: push\n", ""),
    "claim expecting 'rise'": CLAIMS.replace("expect: decrease", "expect: rise"),
    "metric per fortnight": BASE.replace('tension: "tension"\n', 'tension: { sum: "tension", per: fortnight }\n'),
    "series per year": BASE.replace('tension: "tension"\n', 'tension: { series: "tension", per: year }\n'),
    "claim without metric": CLAIMS.replace("    metric: tension\n    alternative: { set: { rate: 0.6 } }\n", "    alternative: { set: { rate: 0.6 } }\n"),
}

# Valid files that are not shipped: a variant (which may leave out what it inherits).
VALID = {
    "variant with extends and null": (
        "extends: prisoners-dilemma\n"
        "parameters:\n  generosity: { dist: null }\n"
        "metrics:\n  mutual_cooperation: null\n  row_cooperation: { series: \"number(did(row.cooperate))\", mean: null }\n"
    ),
    "base of the broken cases": BASE,
    "roadmap with two benchmarks": ROADMAP,
    "builtin policies": BUILTIN,
    "claims": CLAIMS,
}


def main():
    passed = failed = 0

    def report(ok, label, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok    {label}")
        else:
            failed += 1
            print(f"FAIL  {label}" + (f"\n      {detail}" if detail else ""))

    import json

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        report(True, "the schema is a valid draft 2020-12 schema")
    except jsonschema.SchemaError as error:
        report(False, "the schema is a valid draft 2020-12 schema", error.message)
        print(f"{passed} passed, {failed} failed")
        return 1
    validator = jsonschema.Draft202012Validator(schema)

    def problems(document):
        return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))

    def describe(errors):
        return "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:160]}" for e in errors[:3])

    shipped = sorted(p for p in SCENARIOS.glob("*.yaml") if not p.name.endswith(".calibration.yaml"))
    if not shipped:
        report(False, f"shipped scenarios exist in {SCENARIOS}")
    for path in shipped:
        errors = problems(load(path.read_text(encoding="utf-8")))
        report(not errors, f"shipped {path.name} validates", describe(errors))

    if REFERENCE.exists():
        blocks = re.findall(r"```yaml\n(.*?)```", REFERENCE.read_text(encoding="utf-8"), re.S)
        for index, block in enumerate(blocks, 1):
            first = block.lstrip().splitlines()[0] if block.strip() else ""
            if not (first.startswith("parley: 1") or first.startswith("extends:")):
                continue  # a fragment, not a whole scenario
            errors = problems(load(block))
            report(not errors, f"reference example {index} ({first.split(':')[0]}…) validates", describe(errors))

    for label, text in VALID.items():
        errors = problems(load(text))
        report(not errors, f"{label} validates", describe(errors))

    for label, text in BROKEN.items():
        errors = problems(load(text))
        report(bool(errors), f"rejects: {label}", "the schema accepted it")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
