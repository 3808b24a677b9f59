// Build-time siting runs (greedy and the exact HiGHS optimum per county, type and k): loaders/siting-runs.ts.
// The region is parsed once per build (loaders/build-cache.ts); this loader prints the cached artifact.
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("siting.json");
