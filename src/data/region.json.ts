// The region's records for the pages: loaders/artifacts.ts regionArtifact (printed from the build cache).
// The region is parsed once per build (loaders/build-cache.ts); this loader prints the cached artifact.
import {printArtifact} from "../../loaders/build-cache.ts";

await printArtifact("region.json");
