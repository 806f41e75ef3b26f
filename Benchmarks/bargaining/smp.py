#!/usr/bin/env python3
"""The peer of `parley bench bargaining`: the same KTAB-style SMP as Parley's SpatialModel
(Sources/ParleyBargaining/SpatialModel.swift), written straightforwardly with NumPy.

usage: smp.py TABLE.csv ROUNDS   (columns actor,capability,position:D,salience:D,...; positions 0-100)
prints: seconds forecast-on-the-first-dimension
"""
import csv
import sys
import time

import numpy as np

MIN_COALITION = 1e-10
MIN_GAIN = 1e-5


def read(path):
    with open(path) as handle:
        rows = list(csv.DictReader(handle))
    dims = [key[9:] for key in rows[0] if key.startswith("position:")]
    names = [row["actor"] for row in rows]
    cap = np.array([float(row["capability"]) for row in rows])
    pos = np.array([[float(row["position:" + d]) / 100 for d in dims] for row in rows])
    sal = np.array([[float(row["salience:" + d]) for d in dims] for row in rows])
    return names, cap, pos, sal


def distances(pos, sal):
    # d[i, j] = sqrt(sum_k (s_ik (x_ik - x_jk))^2 / sum_k s_ik^2), capped at 1
    diff = pos[:, None, :] - pos[None, :, :]
    weighted = (sal[:, None, :] * diff) ** 2
    norm = (sal ** 2).sum(axis=1)
    d = np.sqrt(weighted.sum(axis=2) / norm[:, None])
    return np.minimum(d, 1.0)


def utility(d, risk):
    return (1 - d) * (1 + d * risk)


def condorcet(u, weights):
    # u[actor, option]; P(a) proportional to prod_b P[a > b]
    votes = weights[:, None, None] * (u[:, :, None] - u[:, None, :])
    for_a = MIN_COALITION + np.clip(votes, 0, None).sum(axis=0)
    for_b = MIN_COALITION + np.clip(-votes, 0, None).sum(axis=0)
    p = for_a / (for_a + for_b)
    np.fill_diagonal(p, 1.0)
    log_score = np.log(p).sum(axis=1)
    score = np.exp(log_score - log_score.max())
    return score / score.sum()


def risk_attitudes(d, cap):
    p = condorcet(1 - d, cap)
    low, high = p.min(), p.max()
    if high <= low:
        return np.zeros_like(p)
    return (3 * p - (high + 2 * low)) / (2 * (high - low))


def challenge(h, i, j, d, risk, cap, mean_sal):
    n = len(cap)
    rr = (2 * risk[h] + risk) / 3  # h's estimate of every actor's attitude
    u = lambda a, b: utility(d[a, b], rr[a])
    uii, uij, uji, ujj = u(i, i), u(i, j), u(j, i), u(j, j)
    base_i = MIN_COALITION + max(0.0, mean_sal[i] * cap[i] * (uii - uij))
    base_j = MIN_COALITION + max(0.0, mean_sal[j] * cap[j] * (ujj - uji))
    k = np.array([m for m in range(n) if m != i and m != j], dtype=int)
    weight = mean_sal[k] * cap[k]
    uki = utility(d[k, i], rr[k])
    ukj = utility(d[k, j], rr[k])
    ukk = utility(d[k, k], rr[k])
    lean = weight * (uki - ukj)
    little_i = base_i + np.clip(lean, 0, None)
    little_j = base_j + np.clip(-lean, 0, None)
    pi = little_i / (little_i + little_j)
    pj = 1 - pi
    with_i = pi * (2 * uki + ukk) + pj * (3 * ukj)
    with_j = pi * (3 * uki) + pj * (2 * ukj + ukk)
    vote = weight * (with_i - with_j)
    for_i = base_i + vote[vote > 0].sum()
    for_j = base_j - vote[vote < 0].sum()
    p = for_i / (for_i + for_j)
    sj = mean_sal[j]
    win, lose = 2 * uii, 2 * uij
    return p, (1 - sj) * win + sj * (p * win + (1 - p) * lose) - (uii + uij)


def interpolate(i, j, pos, sal, p):
    wi = sal[i] ** 2 * p ** 2
    wj = sal[j] ** 2 * (1 - p) ** 2
    first = ((wi + 1e-6) * pos[i] + wj * pos[j]) / (wi + 1e-6 + wj)
    second = (wi * pos[i] + (1e-6 + wj) * pos[j]) / (wi + 1e-6 + wj)
    return first, second


def step(pos, cap, sal, mean_sal, rank):
    n = len(cap)
    d = distances(pos, sal)
    risk = risk_attitudes(d, cap)
    bargains = []
    for i in range(n):
        best = None
        for j in range(n):
            if j == i:
                continue
            p, gain = challenge(i, i, j, d, risk, cap, mean_sal)
            if gain <= MIN_GAIN:
                continue
            if best is not None and (gain < best[2] or (gain == best[2] and rank[j] > rank[best[0]])):
                continue
            best = (j, p, gain)
        if best is None:
            continue
        j, p, _ = best
        a = interpolate(i, j, pos, sal, p)
        b = interpolate(i, j, pos, sal, challenge(j, i, j, d, risk, cap, mean_sal)[0])
        wi, wj = cap[i] * mean_sal[i], cap[j] * mean_sal[j]
        mix = lambda x, y: np.round((wi * x + wj * y) / (wi + wj) * 10000) / 10000
        bargains.append((i, j, mix(a[0], b[0]), mix(a[1], b[1])))
    own = utility(d, risk[:, None])
    base = own.mean(axis=1)
    new = pos.copy()
    for k in range(n):
        options = sorted((index for index, bg in enumerate(bargains) if k in (bg[0], bg[1])),
                         key=lambda index: (rank[bargains[index][0]], rank[bargains[index][1]]))
        if not options:
            continue
        u = np.empty((n, len(options) + 1))
        u[:, 0] = base
        for column, index in enumerate(options, start=1):
            i, j, first, second = bargains[index]
            d_first = np.minimum(np.sqrt(((sal * (pos - first)) ** 2).sum(axis=1) / (sal ** 2).sum(axis=1)), 1.0)
            d_second = np.minimum(np.sqrt(((sal * (pos - second)) ** 2).sum(axis=1) / (sal ** 2).sum(axis=1)), 1.0)
            changed = utility(d_first, risk) + utility(d_second, risk)
            u[:, column] = base + (changed - own[:, i] - own[:, j]) / n
        p = condorcet(u, cap)
        chosen = int(np.argmax(p))
        if chosen > 0:
            i, j, first, second = bargains[options[chosen - 1]]
            new[k] = first if i == k else second
    return new


def main():
    names, cap, pos, sal = read(sys.argv[1])
    rounds = int(sys.argv[2])
    mean_sal = sal.mean(axis=1)
    order = sorted(range(len(names)), key=lambda a: names[a])
    rank = np.empty(len(names), dtype=int)
    rank[order] = np.arange(len(names))
    start = time.perf_counter()
    for _ in range(rounds):
        pos = step(pos, cap, sal, mean_sal, rank)
    d = distances(pos, sal)
    p = condorcet(1 - d, cap)
    forecast = float((p * pos[:, 0]).sum() * 100)
    print(f"{time.perf_counter() - start:.6f} {forecast:.6f}")


if __name__ == "__main__":
    main()
