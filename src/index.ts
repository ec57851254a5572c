/**
 * Refract: geometric dynamic networks — nodes in space, signals that take time to travel,
 * nodes that cannot respond while refractory (G. A. Silva's competitive-refractory
 * framework).
 *
 * This is the core: plain computation on data in memory (networks, simulation, analysis,
 * neurons, the connectome, learning, format codecs from text and bytes, chart specs). It uses
 * no Node built-in, so it runs unchanged in a browser; a test bundles it for the browser and
 * checks that importing it loads no `node:` module. Files, SONATA, worker threads and
 * rendering are the Node edge: `import … from 'refract-networks/node'` (src/node/index.ts).
 *
 * The names below are the public vocabulary, chosen one by one: what a folder exports to
 * the rest of the code (its index.ts) is not all public.
 */

// ------------------------------------------------------------------- networks (src/model)
export type { Network, NetworkMeta, NodeParams, Mode } from './model/types.js';
export { MODES, DEFAULT_NODE, edgeSources } from './model/types.js';
export { makeNetwork, withChanges, EdgeList, type NetworkParts, type EdgeColumns } from './model/build.js';
export { validateNetwork, assertValidNetwork, type Problem } from './model/validate.js';
export { fingerprint } from './model/fingerprint.js';
export { createRng, type Rng } from './model/random.js';
export { geometric, type GeometricOptions, type ConnectRule } from './model/builders/geometric.js';
export { ring, pair, race, star, lattice, type RingOptions, type PairOptions, type RaceOptions, type StarOptions, type LatticeOptions } from './model/builders/fixtures.js';
export { crg, CRG, crgInitialPotential, type CrgOptions } from './model/builders/crg.js';

// ------------------------------------------------------------------ simulation (src/engine)
export {
  Simulation,
  type SimulationOptions,
  type DriveOptions,
  type SpikeTrainOptions,
  type RunOptions,
  type SpikeList,
  type CauseList,
  type Recording,
  type Checkpoint,
} from './engine/simulation.js';
export type { RecordOptions } from './engine/recorder.js';
// the fast grid kernel: first/leaky nodes, non-negative weights, a time grid
export { toGridNetwork, type GridNetwork } from './engine/grid-network.js';
export { runGrid, GridKernel, type GridDrive, type GridKernelOptions, type GridRunOptions, type GridTally } from './engine/grid-kernel.js';
export { crgGrid, type CrgGridOptions } from './engine/crg-grid.js';

// ----------------------------------------------------------------- analysis (src/analysis)
export { refractionRatios, summarizeRatios, nodeRatios, type RefractorySide, type RatioSummary, type NodeRatios } from './analysis/refraction.js';
export { arrivalFates, type ArrivalFates, type ArrivalOptions, type SpikeTrainLike } from './analysis/arrivals.js';
export { efficiencySummary, busyFractions, blockedByLambda, type EfficiencySummary, type BlockedByLambda } from './analysis/efficiency.js';
export { breakdown, type BreakdownOptions, type BreakdownReport } from './analysis/breakdown.js';
export { reachable, stronglyConnected, simpleCycles, shortestReturn, type Cycle, type SimpleCyclesOptions } from './analysis/graph.js';
export { steadyState, type SteadyState, type SteadyOptions, type SteadyKind } from './analysis/steady.js';
export { causalGraph, causalWalks, preservedFraction, type CausalGraph, type CausalOptions, type Walks, type Preservation } from './analysis/causal.js';
export { analyzeRun, type RunAnalysis, type RunAnalysisOptions } from './analysis/run-analysis.js';
export { gridSummary, compareSpikes, type GridSummary, type SpikeComparison, type SpikeArrays } from './analysis/spike-compare.js';
export { antiPhase, type AntiPhase, type AntiPhaseOptions } from './analysis/alternation.js';
export { summarize, type Summary } from './analysis/stats.js';

// ------------------------------------------------------------- real neurons (src/morphology)
export type { Morphology, MorphologyProblem, ProblemKind } from './morphology/types.js';
export { morphologyFromSwc, morphologyToSwc } from './morphology/swc.js';
export { validateMorphology, checkSwc } from './morphology/validate.js';
export { repairMorphology, type RepairOptions } from './morphology/repair.js';
export { analyzeArbor, type ArborAnalysis, type ArborOptions, type TerminalInfo, type BranchInfo } from './morphology/arbor.js';
export { arborNetwork, type ArborNetwork } from './morphology/arbor-network.js';
export { velocityModel, type VelocityModel, type VelocityModelName } from './morphology/velocity.js';
export { jitterMorphology, type JitterOptions } from './morphology/jitter.js';
export { designTests, type DesignTests, type DesignTestOptions } from './morphology/design-tests.js';
export { lambdaScale, type LambdaScale } from './morphology/lambda-scale.js';

// ------------------------------------------------------- the C. elegans connectome (src/connectome)
export { connectomeFromText, synapseCounts, DATASETS, type DatasetName, type Connectome, type Synapse, type SynapseKind } from './connectome/datasets.js';
export { somaPositionsFromCsv, owmetaFromJson, type Position, type Owmeta, type OwmetaNeuron } from './connectome/positions.js';
export {
  connectomeNetwork,
  DEFAULT_CONNECTOME_SPEED,
  DEFAULT_CONNECTOME_SYN_DELAY,
  DEFAULT_CONNECTOME_GAP_DELAY,
  type ConnectomeNetwork,
  type ConnectomeNetworkOptions,
  type ConnectomeWeight,
  type ConnectomeSign,
} from './connectome/network.js';
export { KNOWN_NEURONS, normaliseName, neuronClass } from './connectome/names.js';
export { runConnectome, subConnectome, vbDbAlternation, type ConnectomeRun, type Alternation, type AlternationOptions } from './connectome/experiment.js';

// ------------------------------------------------------------------ learning (src/learn)
export { createPipeline, signatures, rawFeatures, projectionFeatures, LEARN_DEFAULTS, type Pipeline, type PipelineOptions, type LabelledData } from './learn/pipeline.js';
export { createLearner, LEARNERS, type Learner, type LearnerName, type LearnerOptions } from './learn/learners.js';
export { runProtocol, PROTOCOLS, type ProtocolName, type ProtocolOptions, type ProtocolResult } from './learn/protocols.js';
export { OnlineClusters, type ClusterOptions } from './learn/cluster.js';
export { accuracy, confusion, clusterAccuracy, nmi } from './learn/metrics.js';
export { corrupt, type Corruption } from './learn/noise.js';
export { splitPerClass, subset, datasetFromCsv, datasetToCsv, datasetFromIdx, type Dataset, type CsvDatasetOptions } from './learn/datasets.js';

// -------------------------------------------- formats, from and to text or bytes (src/formats)
export { networkToJson, networkFromJson, type NetworkReadOptions } from './formats/network-json.js';
export { networkJsonSchema, type NetworkDoc } from './formats/network-schema.js';
export { networkFromEdgeList, type EdgeListTextOptions, type EdgeListNetworkOptions } from './formats/edge-list.js';
export { spikesToCsv, spikesFromCsv } from './formats/spikes-csv.js';
export { checkpointToBytes, checkpointFromBytes } from './formats/checkpoint.js';
export { idxFromBytes, idxToBytes, type Idx, type IdxArray } from './formats/idx.js';
export { InputError, isInputError } from './formats/errors.js';

// -------------------------------------------------------- charts as Vega-Lite specs (src/report)
export {
  rasterSpec,
  histogramSpec,
  lineSpec,
  scatterSpec,
  rateSpec,
  type VegaLiteSpec,
  type SpikeTrain,
  type RasterOptions,
  type HistogramOptions,
  type LineOptions,
  type Series,
  type ScatterOptions,
  type ScatterPoints,
  type RateOptions,
} from './report/charts.js';
export { htmlReport, type Report, type ReportSection } from './report/html.js';
