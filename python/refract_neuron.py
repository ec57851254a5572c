"""Runs a SONATA point-neuron circuit written by `refract export sonata` on NEURON, with MPI.

Shipped with Refract and started by `refract neuron` as
    mpirun -np N /usr/bin/python3 refract_neuron.py <simulation_config.json> --out spikes.h5
(Debian packages: neuron, python3-neuron, python3-h5py, openmpi-bin). Serial runs work too:
    /usr/bin/python3 refract_neuron.py <simulation_config.json> --out spikes.h5

Model mapping (README "Scaling out"): every node is an IntFire1 artificial cell,
tau = tau_m_ms, refrac = refractory_ms minus a small margin; NetCon weights are
syn_weight / threshold of the target, nudged up by 2^-40 because IntFire1 fires on m > 1 while
Refract fires on u >= threshold. Refract's "first" mode (fire on any excitatory arrival) maps to
weight 2; "window" mode has no IntFire1 equivalent and is refused.

Grid runs (simulation_config run.refract_grid_dt_ms = dt): delays become floor(delay/dt + 0.5)*dt,
the refractory margin is dt/2 (so an arrival exactly R after a spike is accepted, one step earlier
is not, whatever the rounding of the sums), and spike times are reported as they come; the
caller rounds them back to steps.

Cells are placed round-robin (gid % nhost); each connection is made on the rank of its target
with pc.gid_connect, so spikes cross ranks through NEURON's MPI spike exchange. The result does
not depend on the number of ranks. Rank 0 writes spikes.h5 (SONATA, node_ids + timestamps in ms,
sorted by time) and prints one JSON line with counts and timings.
"""
import json
import os
import sys
import time

import h5py
import numpy as np
from neuron import h

t_start = time.perf_counter()
h.nrnmpi_init()
pc = h.ParallelContext()
rank, nhost = int(pc.id()), int(pc.nhost())


def fail(msg):
    if rank == 0:
        sys.stderr.write(f"refract_neuron: {msg}\n")
        sys.stderr.flush()
    pc.barrier()
    pc.done()
    h.quit()
    sys.exit(2)


def arg(name, default=None):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


if len(sys.argv) < 2:
    fail("usage: refract_neuron.py <simulation_config.json> --out spikes.h5 [--tstop ms]")
sim_path = os.path.abspath(sys.argv[1])
out_path = arg("--out", "spikes.h5")
with open(sim_path) as f:
    sim = json.load(f)
base = os.path.dirname(sim_path)


def expand(p, manifest, root):
    for _ in range(10):
        if "$" not in p:
            break
        for k, v in manifest.items():
            p = p.replace(k, v)
    return os.path.normpath(os.path.join(root, p))


manifest = dict(sim.get("manifest", {}))
manifest.setdefault("$BASE_DIR", ".")
circuit_path = expand(sim.get("network", "$BASE_DIR/circuit_config.json"), manifest, base)
with open(circuit_path) as f:
    circuit = json.load(f)
cbase = os.path.dirname(circuit_path)
cmanifest = dict(circuit.get("manifest", {}))
cmanifest.setdefault("$BASE_DIR", ".")

run = sim.get("run", {})
tstop = float(arg("--tstop", run.get("tstop", 100.0)))
grid = run.get("refract_grid_dt_ms")
grid = float(grid) if grid else None
margin = grid / 2 if grid else 1e-9
NUDGE = 1.0 + 2.0 ** -40


def on_grid(d):
    return np.floor(d / grid + 0.5) * grid if grid else d


# ---- nodes: the one non-virtual population ----------------------------------------------
pop = None
for spec in circuit["networks"]["nodes"]:
    nf = expand(spec["nodes_file"], cmanifest, cbase)
    with h5py.File(nf, "r") as f:
        for name, g in f["nodes"].items():
            g0 = g.get("0")
            if g0 is not None and "refractory_ms" in g0 and pop is None:
                pop = name
                n = len(g["node_id"])
                par = {k: np.asarray(g0[k]) for k in ("refractory_ms", "threshold", "tau_m_ms", "processing_ms", "mode") if k in g0}
if pop is None:
    fail(f"{circuit_path}: no node population with Refract parameters (refractory_ms) found")
mode = par.get("mode", np.full(n, 2))
if np.any(mode == 1):
    fail("window-mode nodes have no IntFire1 equivalent")
if "processing_ms" in par and np.any(par["processing_ms"] != 0):
    fail("processing time P > 0 is not mapped to IntFire1")
theta = par.get("threshold", np.ones(n))
tau = par.get("tau_m_ms", np.full(n, 10.0))
refr = par["refractory_ms"]


def weight_for(target, w):
    if mode[target] == 0:  # 'first': any excitatory arrival fires
        return 2.0 if w > 0 else 0.0
    return float(w) / float(theta[target]) * NUDGE


cells = {}
for gid in range(rank, n, nhost):
    c = h.IntFire1()
    c.tau = float(tau[gid]) if np.isfinite(tau[gid]) else 1e9
    c.refrac = max(float(refr[gid]) - margin, 0.0)
    cells[gid] = c
    pc.set_gid2node(gid, rank)
    nc = h.NetCon(c, None)
    pc.cell(gid, nc)

# ---- edges: internal ones become NetCons, input ones feed scheduled events -----------------
def population_of(ds):
    p = ds.attrs.get("node_population")
    return p.decode() if isinstance(p, bytes) else p


conns, inputs = [], {}  # inputs: (input population, input node id) -> [(target gid, weight, delay)]
for spec in circuit["networks"]["edges"]:
    ef = expand(spec["edges_file"], cmanifest, cbase)
    with h5py.File(ef, "r") as f:
        for name, g in f["edges"].items():
            spop, tpop = population_of(g["source_node_id"]), population_of(g["target_node_id"])
            if tpop != pop:
                continue
            src = np.asarray(g["source_node_id"], dtype=np.int64)
            tgt = np.asarray(g["target_node_id"], dtype=np.int64)
            g0 = g["0"]
            if len(g0["delay"]) != len(src) or len(g0["syn_weight"]) != len(src) or len(tgt) != len(src):
                fail(f"{ef}: /edges/{name}: datasets of different lengths")
            delay = on_grid(np.asarray(g0["delay"], dtype=np.float64))
            w = np.asarray(g0["syn_weight"], dtype=np.float64)
            force = np.asarray(g0["refract_force"]) if "refract_force" in g0 else np.zeros(len(src), dtype=np.uint8)
            mine = np.nonzero(tgt % nhost == rank)[0]
            if spop == pop:
                for e in mine:
                    nc = pc.gid_connect(int(src[e]), cells[int(tgt[e])])
                    nc.delay = float(delay[e])
                    nc.weight[0] = weight_for(int(tgt[e]), w[e])
                    conns.append(nc)
            else:
                for e in mine:
                    wt = 1e9 if force[e] else weight_for(int(tgt[e]), w[e])
                    inputs.setdefault((spop, int(src[e])), []).append((int(tgt[e]), wt, float(delay[e])))

# ---- input spikes: one event per (input spike, input edge) on the target's rank ------------
events = []  # (time, target gid, weight)
for name, spec in sim.get("inputs", {}).items():
    if spec.get("input_type") != "spikes":
        continue
    path = expand(spec["input_file"], manifest, base)
    with h5py.File(path, "r") as f:
        sp = f["spikes"]
        # current layout: one group per population; the old one (/spikes/gids) is the node_set's
        groups = [(k, sp[k]) for k in sp if isinstance(sp[k], h5py.Group)] or [(spec.get("node_set"), sp)]
        for source, g in groups:
            ids = np.asarray(g["node_ids"] if "node_ids" in g else g["gids"], dtype=np.int64)
            ts = np.asarray(g["timestamps"], dtype=np.float64)
            if g["timestamps"].attrs.get("units") in ("s", b"s"):
                ts = ts * 1000.0
            for i, t in zip(ids, ts):
                for (target, wt, d) in inputs.get((source, int(i)), ()):
                    events.append((on_grid(t) + d, target, wt))

stim_ncs = {}
for (_, target, wt) in events:
    if (target, wt) not in stim_ncs:
        nc = h.NetCon(None, cells[target])
        nc.weight[0] = wt
        stim_ncs[(target, wt)] = nc


def schedule():
    for (t, target, wt) in events:
        stim_ncs[(target, wt)].event(t)


fih = h.FInitializeHandler(1, schedule)

tvec, idvec = h.Vector(), h.Vector()
pc.spike_record(-1, tvec, idvec)
pc.set_maxstep(10)
build_s = time.perf_counter() - t_start
pc.barrier()
t1 = time.perf_counter()
h.finitialize()
pc.psolve(tstop)
run_s = time.perf_counter() - t1

local = list(zip(np.asarray(idvec).astype(int).tolist(), np.asarray(tvec).tolist()))
gathered = pc.py_gather(local, 0)
build_max = pc.allreduce(build_s, 2)
run_max = pc.allreduce(run_s, 2)
nconn = int(pc.allreduce(len(conns), 1))
nevents = int(pc.allreduce(len(events), 1))
if rank == 0:
    # [0, tstop): on a grid, by step (sums of grid delays land a hair off the grid)
    if grid:
        last = int(np.floor(tstop / grid + 0.5))
        allsp = [s for part in gathered for s in part if np.floor(s[1] / grid + 0.5) < last]
    else:
        allsp = [s for part in gathered for s in part if s[1] < tstop]
    allsp.sort(key=lambda s: (s[1], s[0]))
    tmp = out_path + ".tmp"
    with h5py.File(tmp, "w") as f:
        g = f.create_group("spikes").create_group(pop)
        g.attrs["sorting"] = "by_time"
        g.create_dataset("node_ids", data=np.array([s[0] for s in allsp], dtype=np.uint64))
        ts = g.create_dataset("timestamps", data=np.array([s[1] for s in allsp], dtype=np.float64))
        ts.attrs["units"] = "ms"
    os.replace(tmp, out_path)
    print(json.dumps({
        "simulator": "neuron", "neuron_version": h.nrnversion(5), "ranks": nhost, "population": pop,
        "nodes": n, "connections": nconn, "input_events": nevents,
        "tstop_ms": tstop, "grid_dt_ms": grid, "spikes": len(allsp),
        "build_s": build_max, "run_s": run_max, "spikes_file": out_path,
    }), flush=True)
pc.barrier()
pc.done()
h.quit()
