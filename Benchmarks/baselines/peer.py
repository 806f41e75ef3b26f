"""The peer of Benchmarks/baselines/main.swift: the same Hawkes fit (exact log-likelihood with
Ozaki's recursion, scipy's Nelder-Mead on (ln mu, logit alpha, ln beta) from the same twelve starts,
each polished once) and the same thinning simulation (10,000 paths, five years), in Python with
scipy, as a Python user would write them. Prints one JSON object."""
import csv
import datetime
import json
import math
import random
import statistics
import sys
import time

from scipy.optimize import minimize

data, repetitions = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
EPOCH = datetime.date(1970, 1, 1)


def midpoint(text):
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return (datetime.date(*parts) - EPOCH).days + 0.5
    first = datetime.date(parts[0], parts[1], 1)
    nxt = datetime.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
    return ((first - EPOCH).days + (nxt - EPOCH).days) / 2


dates = set()
with open(f"{data}/missile_tests.csv", newline="") as f:
    for row in csv.DictReader(f):
        if "1990-01" <= row["date"] <= "2021-06-30":
            dates.add(row["date"])
events = sorted(midpoint(d) for d in dates)
start, end = 7305.0, 18809.0


def loglik(mu, alpha, beta):
    total, a, prev = -mu * (end - start), 0.0, None
    for t in events:
        if prev is not None:
            a = math.exp(-beta * (t - prev)) * (1 + a)
        prev = t
        total += math.log(mu + alpha * beta * a) - alpha * (1 - math.exp(-beta * (end - t)))
    return total


def objective(x):
    try:
        return -loglik(math.exp(x[0]), 1 / (1 + math.exp(-x[1])), math.exp(x[2]))
    except (ValueError, OverflowError):
        return math.inf


def fit():
    n, best = len(events), None
    for alpha in (0.2, 0.5, 0.8):
        for delay in (1.0, 10.0, 100.0, 1000.0):
            x0 = [math.log((1 - alpha) * n / (end - start)), math.log(alpha / (1 - alpha)), math.log(1 / delay)]
            first = minimize(objective, x0, method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-10, "maxfev": 4000})
            polished = minimize(objective, first.x, method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-10, "maxfev": 4000})
            if best is None or polished.fun < best.fun:
                best = polished
    x = best.x
    return math.exp(x[0]), 1 / (1 + math.exp(-x[1])), math.exp(x[2]), -best.fun


def simulate(mu, alpha, beta, excitation):
    count, rng = 0, random.Random(1)
    for _ in range(10_000):
        t, e = end, excitation
        while True:
            bound = mu + e
            wait = rng.expovariate(bound)
            t += wait
            if t > end + 1826:
                break
            e *= math.exp(-beta * wait)
            if rng.random() * bound < mu + e:
                count += 1
                e += alpha * beta
    return count


def median(body):
    times = []
    for _ in range(repetitions):
        began = time.perf_counter()
        result = body()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


fitting, (mu, alpha, beta, ll) = median(fit)
excitation = sum(alpha * beta * math.exp(-beta * (end - t)) for t in events)
simulation, count = median(lambda: simulate(mu, alpha, beta, excitation))
print(json.dumps({"hawkes_fit_83_events_s": fitting, "hawkes_10000_paths_5_years_s": simulation,
                  "simulated_events_per_path": count / 10_000,
                  "fit": {"mu": mu, "alpha": alpha, "beta": beta, "log_likelihood": ll}}))
