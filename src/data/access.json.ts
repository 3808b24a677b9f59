// Capacity-aware accessibility (E2SFCA, capacitated coverage): loaders/artifacts.ts accessArtifact.
// The region is parsed once per build (loaders/build-cache.ts); this loader prints the cached artifact.
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("access.json");
