// The two files on which the browser's old readers disagreed with the CLI (issue 17).

/** Edges listed out of source order (2→0, 0→1, 1→2): the first edge in the file, 2→0, has latency −1. */
export const DRIFT_NETWORK = `{"format": "refract-network", "version": 1, "units": {"time": "ms", "length": "um", "speed": "um/ms"},
  "nodes": {"count": 3},
  "edges": {"count": 3, "source": [2, 0, 1], "target": [0, 1, 2],
    "latency": [-1, 1, 1]}}
`;
/** A spike at −5 ms: before any run starts. */
export const DRIFT_SPIKES = 'node,time_ms\n0,0\n0,-5\n';
