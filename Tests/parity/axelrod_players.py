"""Parley catalogue keys → the axelrod 4.13.1 player each one mirrors.

Shared by Tests/parity/parity.py and Benchmarks/games/axelrod_tournament.py. A key maps to a
function of Parley's parameter dictionary returning a fresh axelrod player.
"""
import axelrod as axl

PLAYERS = {
    "cooperator": lambda p: axl.Cooperator(),
    "defector": lambda p: axl.Defector(),
    "random": lambda p: axl.Random(p.get("p", 0.5)),
    "alternator": lambda p: axl.Alternator(),
    "tit_for_tat": lambda p: axl.TitForTat(),
    "tit_for_two_tats": lambda p: axl.TitFor2Tats(),
    "two_tits_for_tat": lambda p: axl.TwoTitsForTat(),
    "suspicious_tit_for_tat": lambda p: axl.SuspiciousTitForTat(),
    "generous_tit_for_tat": lambda p: axl.GTFT(p.get("p")),
    "contrite_tit_for_tat": lambda p: axl.ContriteTitForTat(),
    "hard_tit_for_tat": lambda p: axl.HardTitForTat(),
    "hard_tit_for_two_tats": lambda p: axl.HardTitFor2Tats(),
    "anti_tit_for_tat": lambda p: axl.AntiTitForTat(),
    "bully": lambda p: axl.Bully(),
    "forgiving_tit_for_tat": lambda p: axl.ForgivingTitForTat(),
    "win_stay_lose_shift": lambda p: axl.WinStayLoseShift(),
    "grudger": lambda p: axl.Grudger(),
    "soft_grudger": lambda p: axl.SoftGrudger(),
    "forgiver": lambda p: axl.Forgiver(),
    "joss": lambda p: axl.FirstByJoss(p.get("p", 0.9)),
    "soft_joss": lambda p: axl.SoftJoss(p.get("q", 0.9)),
    "stochastic_wsls": lambda p: axl.StochasticWSLS(p.get("ep", 0.05)),
    "firm_but_fair": lambda p: axl.FirmButFair(),
    "memory_one": lambda p: axl.MemoryOnePlayer(
        (p.get("p_cc", 1), p.get("p_cd", 0), p.get("p_dc", 0), p.get("p_dd", 1)),
        axl.Action.C if p.get("initial", 1) >= 0.5 else axl.Action.D),
    "zd_extort_2": lambda p: axl.ZDExtort2(p.get("phi", 1 / 9), p.get("s", 0.5)),
    "zd_gtft_2": lambda p: axl.ZDGTFT2(p.get("phi", 0.25), p.get("s", 0.5)),
    "tester": lambda p: axl.SecondByTester(),
    "prober": lambda p: axl.Prober(),
    "prober_2": lambda p: axl.Prober2(),
    "prober_3": lambda p: axl.Prober3(),
    "hard_prober": lambda p: axl.HardProber(),
    "soft_majority": lambda p: axl.GoByMajority(p["memory"]) if p.get("memory") else axl.GoByMajority(),
    "hard_majority": lambda p: axl.HardGoByMajority(p["memory"]) if p.get("memory") else axl.HardGoByMajority(),
    "gradual": lambda p: axl.Gradual(),
    "original_gradual": lambda p: axl.OriginalGradual(),
    "adaptive": lambda p: axl.Adaptive(),
}


def parse(specification):
    """'random(p=0.3)' → ('random', {'p': 0.3}), as Parley reads it."""
    if "(" not in specification:
        return specification, {}
    key, rest = specification.split("(", 1)
    parameters = {}
    for item in rest.rstrip(")").split(","):
        if item.strip():
            name, value = item.split("=")
            value = float(value)
            parameters[name.strip()] = int(value) if name.strip() in ("memory",) else value
    return key.strip(), parameters


def make(specification):
    key, parameters = parse(specification)
    return PLAYERS[key](parameters)
